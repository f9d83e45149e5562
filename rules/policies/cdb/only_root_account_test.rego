package tsa.rules.cdb.only_root_account_test

import data.tsa.rules.cdb.only_root_account as rule

params := {"TSA-CDB-002": {"admin_users": ["root"]}}

run(accounts) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-test0001", "name": "orders", "data": {}, "related": {"accounts": accounts}}]}}
}

test_only_root_fails if {
	some f in run([{"User": "root", "Host": "%"}])
	contains(f.message, "root@%")
	f.evidence.accounts == [{"User": "root", "Host": "%"}]
}

test_root_on_two_hosts_fails if {
	count(run([{"User": "root", "Host": "%"}, {"User": "root", "Host": "10.0.0.%"}])) == 1
}

test_application_account_passes if {
	count(run([{"User": "root", "Host": "%"}, {"User": "orders_app", "Host": "10.0.%"}])) == 0
}

test_no_accounts_pass if {
	count(run([])) == 0
}

test_unread_accounts_not_failed if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-x", "name": "x", "data": {}, "related": {}}]}}
}

test_unread_accounts_unknown if {
	i := {"id": "cdb-1", "name": "x", "data": {}, "related": {}}
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cdb.instance": [i]}}
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"cdb.instance": [i]}}
	count(rule.unknown) == 0 with input as {"params": params, "resources": {"cdb.instance": [object.union(i, {"data": {"InstanceType": 3}})]}}
}
