package tsa.rules.cloudaudit.no_trail_test

import data.tsa.rules.cloudaudit.no_trail as rule

account := {"type": "cam.account", "id": "100012345678", "name": "", "data": {}, "related": {}}

trail(name, status) := {"id": name, "name": name, "data": {"AuditName": name, "AuditStatus": status, "CosBucketName": "audit-1250000000"}}

run(trails) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"cam.account": [account], "cloudaudit.trail": trails}}
}

unknown(trails) := r if {
	r := rule.unknown with input as {"params": {}, "resources": {"cam.account": [account], "cloudaudit.trail": trails}}
}

test_no_trail_fails_the_account if {
	ds := run([])
	count(ds) == 1
	some f in ds
	f.resource == "100012345678"
	f.evidence.trails == []
}

test_trail_off_fails_the_account_once if {
	ds := run([trail("main", 0)])
	{f.resource | some f in ds} == {"100012345678"}
}

# The old rule failed the stopped trail too although another one logs.
test_one_logging_trail_covers_the_account if {
	count(run([trail("main", 1), trail("old", 0)])) == 0
	count(unknown([trail("main", 1), trail("old", 0)])) == 0
}

test_logging_trail_passes if {
	count(run([trail("main", 1)])) == 0
}

test_status_as_string_is_read if {
	count(run([trail("main", "1")])) == 0
}

test_missing_status_is_unknown if {
	t := {"id": "main", "name": "main", "data": {"AuditName": "main"}}
	count(run([t])) == 0
	some u in unknown([t, trail("old", 0)])
	contains(u.reason, "main")
	count(unknown([trail("x", null)])) == 1
}

test_missing_status_with_another_logging_passes if {
	count(run([{"id": "main", "name": "main", "data": {}}, trail("b", 1)])) == 0
	count(unknown([{"id": "main", "name": "main", "data": {}}, trail("b", 1)])) == 0
}

test_no_account_no_account_finding if {
	count(rule.deny) == 0 with input as {"params": {}, "resources": {}}
}
