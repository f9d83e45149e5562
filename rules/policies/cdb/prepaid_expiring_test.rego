package tsa.rules.cdb.prepaid_expiring_test

import data.tsa.rules.cdb.prepaid_expiring as rule

params := {"TSA-CDB-201": {"days": 7}}

run(d) := r if {
	r := rule.deny with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"cdb.instance": [{"id": "cdb-test0001", "name": "orders", "data": d}]}}
}

test_manual_renew_expiring_fails if {
	some f in run({"PayType": 0, "AutoRenew": 0, "DeadlineTime": "2026-12-01 08:00:00"})
	f.evidence.days_left == 4
	contains(f.message, "prepaid MySQL instance cdb-test0001 (orders)")
}

test_no_renew_flag_fails if {
	count(run({"PayType": 0, "AutoRenew": 2, "DeadlineTime": "2026-12-01 08:00:00"})) == 1
}

test_exactly_seven_days_fails if {
	count(run({"PayType": 0, "AutoRenew": 0, "DeadlineTime": "2026-12-04 08:00:00"})) == 1
}

test_eight_days_passes if {
	count(run({"PayType": 0, "AutoRenew": 0, "DeadlineTime": "2026-12-05 08:00:00"})) == 0
}

test_auto_renew_passes if {
	count(run({"PayType": 0, "AutoRenew": 1, "DeadlineTime": "2026-12-01 08:00:00"})) == 0
}

test_postpaid_passes if {
	count(run({"PayType": 1, "AutoRenew": 0, "DeadlineTime": "0000-00-00 00:00:00"})) == 0
}

test_zero_deadline_passes if {
	count(run({"PayType": 0, "AutoRenew": 0, "DeadlineTime": "0000-00-00 00:00:00"})) == 0
}

test_missing_billing_data_unknown if {
	some d in [{}, {"PayType": 0, "DeadlineTime": "2026-11-28 00:00:00"}, {"PayType": 0, "AutoRenew": 0, "DeadlineTime": null}, {"PayType": 0, "AutoRenew": 0, "DeadlineTime": "soon"}]
	i := {"id": "cdb-1", "name": "x", "data": d}
	count(rule.deny) == 0 with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"cdb.instance": [i]}}
	count(rule.unknown) == 1 with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"cdb.instance": [i]}}
}

test_postpaid_zero_deadline_not_unknown if {
	i := {"id": "cdb-1", "name": "x", "data": {"PayType": 1, "DeadlineTime": "0000-00-00 00:00:00"}}
	count(rule.unknown) == 0 with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"cdb.instance": [i]}}
}
