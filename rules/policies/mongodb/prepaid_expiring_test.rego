package tsa.rules.mongodb.prepaid_expiring_test

import data.tsa.rules.mongodb.prepaid_expiring as rule

params := {"TSA-MONGODB-201": {"days": 7}}

run(d) := r if {
	r := rule.deny with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"mongodb.instance": [{"id": "cmgo-test0001", "name": "catalog", "data": d}]}}
}

test_expiring_fails if {
	some f in run({"PayMode": 1, "AutoRenewFlag": 0, "DeadLine": "2026-12-02 08:00:00"})
	f.evidence.days_left == 5
	contains(f.message, "prepaid MongoDB instance cmgo-test0001 (catalog)")
}

test_boundary_seven_and_eight_days if {
	count(run({"PayMode": 1, "AutoRenewFlag": 2, "DeadLine": "2026-12-04 08:00:00"})) == 1
	count(run({"PayMode": 1, "AutoRenewFlag": 2, "DeadLine": "2026-12-05 08:00:00"})) == 0
}

test_auto_renew_passes if {
	count(run({"PayMode": 1, "AutoRenewFlag": 1, "DeadLine": "2026-12-02 08:00:00"})) == 0
}

test_postpaid_passes if {
	count(run({"PayMode": 0, "AutoRenewFlag": 0, "DeadLine": "2026-12-02 08:00:00"})) == 0
}

test_missing_deadline_passes if {
	count(run({"PayMode": 1, "AutoRenewFlag": 0, "DeadLine": ""})) == 0
}

test_missing_billing_data_unknown if {
	some d in [{}, {"PayMode": 1, "DeadLine": "2026-11-28 00:00:00"}, {"PayMode": 1, "AutoRenewFlag": 0, "DeadLine": ""}]
	i := {"id": "cmgo-1", "name": "x", "data": d}
	count(rule.deny) == 0 with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"mongodb.instance": [i]}}
	count(rule.unknown) == 1 with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"mongodb.instance": [i]}}
}
