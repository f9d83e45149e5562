package tsa.rules.cam.root_mfa_test

import data.tsa.rules.cam.root_mfa as rule

params := {"TSA-CAM-002": {"mfa_methods": ["Token", "Stoken", "U2FToken", "Passkey"]}}

run(auth) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cam.account": [{"type": "cam.account", "id": "100012345678", "name": "", "data": {}, "related": {"safe_auth": auth}}]}}
}

test_no_mfa_fails if {
	some f in run({"LoginFlag": {"Phone": 1, "Token": 0, "Stoken": 0, "Wechat": 0, "U2FToken": 0, "Passkey": 0}})
	contains(f.message, "root account 100012345678")
	f.evidence.LoginFlag.Phone == 1
}

test_virtual_mfa_passes if {
	count(run({"LoginFlag": {"Stoken": 1}})) == 0
}

test_u2f_passes if {
	count(run({"LoginFlag": {"Token": 0, "U2FToken": 1}})) == 0
}

test_flag_as_string_passes if {
	count(run({"LoginFlag": {"Stoken": "1"}})) == 0
}

test_unread_safe_auth_not_failed if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cam.account": [{"type": "cam.account", "id": "1", "name": "", "data": {}, "related": {}}]}}
}

test_methods_parameter_is_honoured if {
	p := {"TSA-CAM-002": {"mfa_methods": ["Token", "Stoken", "U2FToken", "Passkey", "Phone"]}}
	count(rule.deny) == 0 with input as {"params": p, "resources": {"cam.account": [{"type": "cam.account", "id": "1", "name": "", "data": {}, "related": {"safe_auth": {"LoginFlag": {"Phone": 1}}}}]}}
}

test_missing_or_null_login_flags_unknown if {
	some related in [{}, {"safe_auth": null}, {"safe_auth": {}}, {"safe_auth": {"LoginFlag": null}}]
	a := {"type": "cam.account", "id": "1", "name": "", "data": {}, "related": related}
	count(rule.deny) == 0 with input as {"params": {"TSA-CAM-002": {"mfa_methods": ["Token"]}}, "resources": {"cam.account": [a]}}
	count(rule.unknown) == 1 with input as {"params": {"TSA-CAM-002": {"mfa_methods": ["Token"]}}, "resources": {"cam.account": [a]}}
}
