package tsa.rules.cam.protection_off_test

import data.tsa.rules.cam.protection_off as rule

on := {"ActionFlag": {"Stoken": 1}, "OffsiteFlag": {"VerifyFlag": 1, "NotifyPhone": 0}}

account(auth) := {"type": "cam.account", "id": "100012345678", "name": "", "data": {}, "related": {"safe_auth": auth}}

user(console, auth) := {"type": "cam.user", "id": "100020000001", "name": "ops-alice", "data": {"ConsoleLogin": console}, "related": {"safe_auth": auth}}

run(accounts, users) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"cam.account": accounts, "cam.user": users}}
}

test_both_off_fails_once if {
	ds := run([], [user(1, {"ActionFlag": {"Phone": 0, "Stoken": 0}, "OffsiteFlag": {"VerifyFlag": 0}})])
	count(ds) == 1
	some f in ds
	f.resource_type == "cam.user"
	contains(f.message, "operation protection off")
	contains(f.message, "remote-login protection off")
}

test_remote_login_off_only if {
	some f in run([account({"ActionFlag": {"Phone": 1}, "OffsiteFlag": {"VerifyFlag": 0}})], [])
	f.resource_type == "cam.account"
	not contains(f.message, "operation protection off")
	contains(f.message, "remote-login protection off")
}

test_all_on_passes if {
	count(run([account(on)], [user(1, on)])) == 0
}

test_api_only_user_passes if {
	count(run([], [user(0, {"ActionFlag": {}, "OffsiteFlag": {"VerifyFlag": 0}})])) == 0
}

test_unread_safe_auth_not_failed if {
	count(run([{"type": "cam.account", "id": "1", "name": "", "data": {}, "related": {}}], [])) == 0
}

test_empty_inventory_passes if {
	count(rule.deny) == 0 with input as {"params": {}, "resources": {}}
}

test_missing_flags_unknown if {
	some auth in [null, {}, {"ActionFlag": null, "OffsiteFlag": {"VerifyFlag": 1}}, {"ActionFlag": {"Phone": 1}}]
	a := {"type": "cam.account", "id": "1", "name": "", "data": {}, "related": {"safe_auth": auth}}
	count(rule.deny) == 0 with input as {"params": {}, "resources": {"cam.account": [a]}}
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"cam.account": [a]}}
}

test_user_without_console_login_field_unknown if {
	u := {"type": "cam.user", "id": "2", "name": "x", "data": {}, "related": {"safe_auth": {"ActionFlag": {}, "OffsiteFlag": {}}}}
	count(rule.deny) == 0 with input as {"params": {}, "resources": {"cam.user": [u]}}
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"cam.user": [u]}}
}
