package tsa.rules.redis.prepaid_expiring_test

import data.tsa.rules.redis.prepaid_expiring as rule

params := {"TSA-REDIS-201": {"days": 7}}

run(d) := r if {
	r := rule.deny with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"redis.instance": [{"id": "crs-test0001", "name": "cache", "data": d}]}}
}

test_expiring_fails if {
	some f in run({"BillingMode": 1, "AutoRenewFlag": 0, "DeadlineTime": "2026-11-28 08:00:00"})
	f.evidence.days_left == 1
}

test_expired_fails if {
	some f in run({"BillingMode": 1, "AutoRenewFlag": 2, "DeadlineTime": "2026-11-01 08:00:00"})
	contains(f.message, "expired on")
}

test_boundary_seven_and_eight_days if {
	count(run({"BillingMode": 1, "AutoRenewFlag": 0, "DeadlineTime": "2026-12-04 08:00:00"})) == 1
	count(run({"BillingMode": 1, "AutoRenewFlag": 0, "DeadlineTime": "2026-12-05 08:00:00"})) == 0
}

test_auto_renew_passes if {
	count(run({"BillingMode": 1, "AutoRenewFlag": 1, "DeadlineTime": "2026-11-28 08:00:00"})) == 0
}

test_postpaid_passes if {
	count(run({"BillingMode": 0, "AutoRenewFlag": 0, "DeadlineTime": "2026-11-28 08:00:00"})) == 0
}

test_bad_deadline_passes if {
	count(run({"BillingMode": 1, "AutoRenewFlag": 0, "DeadlineTime": "0000-00-00 00:00:00"})) == 0
	count(run({"BillingMode": 1, "AutoRenewFlag": 0})) == 0
}

test_missing_billing_data_unknown if {
	some d in [{}, {"BillingMode": 1, "DeadlineTime": "2026-11-28 00:00:00"}, {"BillingMode": 1, "AutoRenewFlag": 0}]
	i := {"id": "crs-1", "name": "x", "data": d}
	count(rule.deny) == 0 with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"redis.instance": [i]}}
	count(rule.unknown) == 1 with input as {"now": "2026-11-27T00:00:00Z", "params": params, "resources": {"redis.instance": [i]}}
}
