package tsa.rules.cvm.prepaid_expiring_test

import data.tsa.rules.cvm.prepaid_expiring as rule

params := {"TSA-CVM-201": {"high_days": 7, "medium_days": 30}}

vm(d) := {"id": "ins-1", "name": "db", "data": d}

run(d) := r if {
	r := rule.deny with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"cvm.instance": [vm(d)]}}
}

unknowns(d) := r if {
	r := rule.unknown with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"cvm.instance": [vm(d)]}}
}

# The old rule passed a prepaid instance whose ExpiredTime was null or unparseable.
test_null_expiry_is_unknown if {
	d := {"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "ExpiredTime": null}
	count(run(d)) == 0
	count(unknowns(d)) == 1
}

test_unparseable_expiry_is_unknown if {
	d := {"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "ExpiredTime": "next month"}
	count(run(d)) == 0
	count(unknowns(d)) == 1
}

test_missing_renew_flag_is_unknown if {
	d := {"InstanceChargeType": "PREPAID", "ExpiredTime": "2026-11-30T00:00:00Z"}
	count(run(d)) == 0
	count(unknowns(d)) == 1
}

test_missing_charge_type_is_unknown if {
	count(unknowns({"ExpiredTime": "2026-11-30T00:00:00Z"})) == 1
}

test_three_days_manual_renew_fails_high if {
	some f in run({"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "ExpiredTime": "2026-11-30T00:00:00Z"})
	f.severity == "high"
	f.evidence.days_left == 3
}

test_twenty_days_fails_medium if {
	some f in run({"InstanceChargeType": "PREPAID", "RenewFlag": "DISABLE_NOTIFY_AND_MANUAL_RENEW", "ExpiredTime": "2026-12-17T00:00:00Z"})
	f.severity == "medium"
}

test_exactly_seven_days_is_high if {
	some f in run({"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "ExpiredTime": "2026-12-04T00:00:00Z"})
	f.severity == "high"
}

test_exactly_thirty_days_fails_medium if {
	count(run({"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "ExpiredTime": "2026-12-27T00:00:00Z"})) == 1
}

test_thirty_one_days_passes if {
	count(run({"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "ExpiredTime": "2026-12-28T00:00:00Z"})) == 0
}

test_already_expired_fails_high if {
	some f in run({"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "ExpiredTime": "2026-11-20T00:00:00Z"})
	f.severity == "high"
	contains(f.message, "expired on")
}

test_auto_renew_passes if {
	count(run({"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_AUTO_RENEW", "ExpiredTime": "2026-11-30T00:00:00Z"})) == 0
}

test_postpaid_passes if {
	count(run({"InstanceChargeType": "POSTPAID_BY_HOUR", "ExpiredTime": null})) == 0
}

test_missing_expiry_passes if {
	count(run({"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW"})) == 0
}
