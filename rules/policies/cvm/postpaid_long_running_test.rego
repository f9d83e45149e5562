package tsa.rules.cvm.postpaid_long_running_test

import data.tsa.rules.cvm.postpaid_long_running as rule

params := {"TSA-CVM-302": {"min_age_days": 60}}

now := "2026-11-27T00:00:00Z"

run(d) := r if {
	r := rule.deny with input as {"now": now, "params": params, "resources": {"cvm.instance": [{"id": "ins-1", "name": "api", "data": d}]}}
}

test_old_postpaid_fails if {
	some f in run({"InstanceChargeType": "POSTPAID_BY_HOUR", "CreatedTime": "2026-08-01T00:00:00Z"})
	f.evidence.age_days == 118
}

test_exactly_sixty_days_passes if {
	count(run({"InstanceChargeType": "POSTPAID_BY_HOUR", "CreatedTime": "2026-09-28T00:00:00Z"})) == 0
}

test_just_over_sixty_days_fails if {
	count(run({"InstanceChargeType": "POSTPAID_BY_HOUR", "CreatedTime": "2026-09-27T23:00:00Z"})) == 1
}

test_prepaid_and_spot_pass if {
	count(run({"InstanceChargeType": "PREPAID", "CreatedTime": "2025-01-01T00:00:00Z"})) == 0
	count(run({"InstanceChargeType": "SPOTPAID", "CreatedTime": "2025-01-01T00:00:00Z"})) == 0
}

test_missing_or_null_created_time_not_failed if {
	count(run({"InstanceChargeType": "POSTPAID_BY_HOUR"})) == 0
	count(run({"InstanceChargeType": "POSTPAID_BY_HOUR", "CreatedTime": null})) == 0
}

test_missing_created_time_is_unknown if {
	inp := {"now": "2026-11-27T00:00:00Z", "params": {"TSA-CVM-302": {"min_age_days": 60}}, "resources": {"cvm.instance": [{"id": "ins-x", "name": "x", "data": {"InstanceChargeType": "POSTPAID_BY_HOUR"}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
