package tsa.rules.vpc.vpn_gateway_expiring_test

import data.tsa.rules.vpc.vpn_gateway_expiring as rule

params := {"TSA-VPC-205": {"high_days": 7, "medium_days": 30}}

run(d) := r if {
	r := rule.deny with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"vpc.vpn_gateway": [{"id": "vpngw-test0001", "name": "idc-link", "data": d}]}}
}

test_twenty_days_fails_medium if {
	some f in run({"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "ExpiredTime": "2026-12-17 08:00:00"})
	f.severity == "medium"
	f.evidence.days_left == 20
}

test_five_days_fails_high if {
	some f in run({"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "ExpiredTime": "2026-12-02 08:00:00"})
	f.severity == "high"
}

test_boundaries if {
	some f in run({"InstanceChargeType": "PREPAID", "ExpiredTime": "2026-12-04 08:00:00"})
	f.severity == "high"
	count(run({"InstanceChargeType": "PREPAID", "ExpiredTime": "2026-12-27 08:00:00"})) == 1
	count(run({"InstanceChargeType": "PREPAID", "ExpiredTime": "2026-12-28 08:00:00"})) == 0
}

test_auto_renew_passes if {
	count(run({"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_AUTO_RENEW", "ExpiredTime": "2026-12-02 08:00:00"})) == 0
}

test_postpaid_passes if {
	count(run({"InstanceChargeType": "POSTPAID_BY_HOUR", "ExpiredTime": "0000-00-00 00:00:00"})) == 0
}

test_unreadable_expiry_passes if {
	count(run({"InstanceChargeType": "PREPAID", "ExpiredTime": "0000-00-00 00:00:00"})) == 0
}

test_unreadable_expiry_is_unknown if {
	inp := {"now": "2026-11-27T00:00:00Z", "params": {"TSA-VPC-205": {"high_days": 7, "medium_days": 30}}, "resources": {"vpc.vpn_gateway": [{"id": "vpngw-x", "name": "x", "data": {"InstanceChargeType": "PREPAID", "ExpiredTime": null}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
