package tsa.rules.cbs.prepaid_disk_expiring_test

import data.tsa.rules.cbs.prepaid_disk_expiring as rule

params := {"TSA-CBS-201": {"days": 7}}

run(d) := r if {
	r := rule.deny with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"cbs.disk": [{"id": "disk-test0001", "name": "data", "data": d}]}}
}

test_three_days_fails if {
	some f in run({"DiskChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "DeadlineTime": "2026-11-30 08:00:00"})
	f.evidence.days_left == 3
	contains(f.message, "prepaid disk disk-test0001 (data) expires in 3 days")
}

test_expired_fails if {
	some f in run({"DiskChargeType": "PREPAID", "DeadlineTime": "2026-11-25 08:00:00"})
	contains(f.message, "expired on 2026-11-25 08:00:00")
	f.evidence.RenewFlag == null
}

test_exactly_seven_days_fails if {
	count(run({"DiskChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "DeadlineTime": "2026-12-04 08:00:00"})) == 1
}

test_eight_days_passes if {
	count(run({"DiskChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "DeadlineTime": "2026-12-05 08:00:00"})) == 0
}

test_auto_renew_passes if {
	count(run({"DiskChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_AUTO_RENEW", "DeadlineTime": "2026-11-30 08:00:00"})) == 0
}

test_postpaid_passes if {
	count(run({"DiskChargeType": "POSTPAID_BY_HOUR", "DeadlineTime": "2026-11-30 08:00:00"})) == 0
}

test_zero_or_missing_deadline_passes if {
	count(run({"DiskChargeType": "PREPAID", "DeadlineTime": "0000-00-00 00:00:00"})) == 0
	count(run({"DiskChargeType": "PREPAID", "DeadlineTime": null})) == 0
	count(run({"DiskChargeType": "PREPAID"})) == 0
}

test_unreadable_deadline_is_unknown if {
	inp := {"now": "2026-11-27T00:00:00Z", "params": {"TSA-CBS-201": {"days": 7}}, "resources": {"cbs.disk": [{"id": "disk-x", "name": "x", "data": {"DiskChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW", "DeadlineTime": null}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
