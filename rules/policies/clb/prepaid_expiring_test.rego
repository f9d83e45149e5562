package tsa.rules.clb.prepaid_expiring_test

import data.tsa.rules.clb.prepaid_expiring as rule

params := {"TSA-CLB-202": {"days": 7}}

run(d) := r if {
	r := rule.deny with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"clb.load_balancer": [{"id": "lb-test0001", "name": "web", "data": d}]}}
}

test_expiring_fails if {
	some f in run({"ChargeType": "PREPAID", "PrepaidAttributes": {"RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "Period": 1}, "ExpireTime": "2026-11-29 08:00:00"})
	f.evidence.days_left == 2
	f.evidence.RenewFlag == "NOTIFY_AND_MANUAL_RENEW"
}

test_missing_prepaid_attributes_fails if {
	some f in run({"ChargeType": "PREPAID", "ExpireTime": "2026-11-29 08:00:00"})
	f.evidence.RenewFlag == null
}

test_boundary_seven_and_eight_days if {
	count(run({"ChargeType": "PREPAID", "ExpireTime": "2026-12-04 08:00:00"})) == 1
	count(run({"ChargeType": "PREPAID", "ExpireTime": "2026-12-05 08:00:00"})) == 0
}

test_auto_renew_passes if {
	count(run({"ChargeType": "PREPAID", "PrepaidAttributes": {"RenewFlag": "NOTIFY_AND_AUTO_RENEW"}, "ExpireTime": "2026-11-29 08:00:00"})) == 0
}

test_postpaid_passes if {
	count(run({"ChargeType": "POSTPAID", "ExpireTime": null})) == 0
}

test_null_expiry_passes if {
	count(run({"ChargeType": "PREPAID", "PrepaidAttributes": null, "ExpireTime": null})) == 0
}

test_unreadable_expiry_is_unknown if {
	inp := {"now": "2026-11-27T00:00:00Z", "params": {"TSA-CLB-202": {"days": 7}}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {"ChargeType": "PREPAID", "ExpireTime": "soon"}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
