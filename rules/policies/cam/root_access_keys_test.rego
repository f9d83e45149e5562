package tsa.rules.cam.root_access_keys_test

import data.tsa.rules.cam.root_access_keys as rule

acct(keys) := {"type": "cam.account", "id": "100012345678", "name": "", "data": {"OwnerUin": "100012345678"}, "related": {"access_keys": keys}}

run(keys) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"cam.account": [acct(keys)]}}
}

test_active_key_fails if {
	some f in run([{"AccessKeyId": "AKIDroot1", "Status": "Active", "CreateTime": "2024-01-02 10:00:00"}])
	f.resource == "100012345678"
	contains(f.message, "root account 100012345678")
	contains(f.message, "AKIDroot1")
	f.evidence.AccessKeys[0].Status == "Active"
}

test_only_active_keys_count if {
	some f in run([
		{"AccessKeyId": "AKIDold", "Status": "Inactive"},
		{"AccessKeyId": "AKIDnew", "Status": "Active"},
	])
	count(f.evidence.AccessKeys) == 1
	f.evidence.AccessKeys[0].CreateTime == null
}

test_inactive_keys_pass if {
	count(run([{"AccessKeyId": "AKIDold", "Status": "Inactive"}])) == 0
}

test_no_keys_pass if {
	count(run([])) == 0
}

test_unread_keys_not_failed if {
	count(rule.deny) == 0 with input as {"params": {}, "resources": {"cam.account": [{"type": "cam.account", "id": "1", "name": "", "data": {}, "related": {}}]}}
}

test_unread_keys_unknown if {
	a := {"type": "cam.account", "id": "1", "name": "", "data": {}, "related": {}}
	count(rule.deny) == 0 with input as {"params": {}, "resources": {"cam.account": [a]}}
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"cam.account": [a]}}
	b := {"type": "cam.account", "id": "1", "name": "", "data": {}, "related": {"access_keys": null}}
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"cam.account": [b]}}
}
