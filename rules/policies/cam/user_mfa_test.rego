package tsa.rules.cam.user_mfa_test

import data.tsa.rules.cam.user_mfa as rule

params := {"TSA-CAM-003": {"mfa_methods": ["Token", "Stoken", "U2FToken", "Passkey"]}}

user(console, auth) := {"type": "cam.user", "id": "100020000001", "name": "ops-alice", "data": {"Uin": 100020000001, "Name": "ops-alice", "ConsoleLogin": console}, "related": {"safe_auth": auth}}

run(u) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cam.user": [u]}}
}

test_console_user_without_mfa_fails if {
	some f in run(user(1, {"LoginFlag": {"Phone": 0, "Token": 0, "Stoken": 0, "U2FToken": 0, "Passkey": 0}}))
	f.resource == "100020000001"
	contains(f.message, "sub-user ops-alice (100020000001)")
	f.evidence.ConsoleLogin == 1
}

test_phone_only_is_not_mfa if {
	count(run(user(1, {"LoginFlag": {"Phone": 1, "Mail": 1}}))) == 1
}

test_virtual_mfa_passes if {
	count(run(user(1, {"LoginFlag": {"Stoken": 1}}))) == 0
}

test_passkey_passes if {
	count(run(user(1, {"LoginFlag": {"Passkey": 1}}))) == 0
}

test_api_only_user_passes if {
	count(run(user(0, {"LoginFlag": {"Stoken": 0}}))) == 0
}

test_missing_console_login_passes if {
	count(run({"type": "cam.user", "id": "1", "name": "x", "data": {}, "related": {"safe_auth": {}}})) == 0
}

test_unread_safe_auth_not_failed if {
	count(run({"type": "cam.user", "id": "1", "name": "x", "data": {"ConsoleLogin": 1}, "related": {}})) == 0
}

test_missing_data_unknown if {
	p := {"TSA-CAM-003": {"mfa_methods": ["Token"]}}
	some u in [
		{"type": "cam.user", "id": "1", "name": "x", "data": {}, "related": {"safe_auth": {"LoginFlag": {"Token": 0}}}},
		{"type": "cam.user", "id": "1", "name": "x", "data": {"ConsoleLogin": 1}, "related": {}},
		{"type": "cam.user", "id": "1", "name": "x", "data": {"ConsoleLogin": 1}, "related": {"safe_auth": {"LoginFlag": null}}},
	]
	count(rule.deny) == 0 with input as {"params": p, "resources": {"cam.user": [u]}}
	count(rule.unknown) == 1 with input as {"params": p, "resources": {"cam.user": [u]}}
}
