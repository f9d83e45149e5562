package tsa.rules.cdb.global_drop_delete_test

import data.tsa.rules.cdb.global_drop_delete as rule

params := {"TSA-CDB-003": {"risky_privileges": ["DROP", "DELETE"], "admin_users": ["root"]}}

run(privileges) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-test0001", "name": "orders", "data": {}, "related": {"privileges": privileges}}]}}
}

test_app_with_global_drop_fails if {
	some f in run({"app@%": {"GlobalPrivileges": ["SELECT", "INSERT", "DROP"], "DatabasePrivileges": []}})
	contains(f.message, "app@% has global DROP")
	f.evidence.accounts[0].GlobalPrivileges == ["DROP"]
}

test_delete_and_drop_in_one_finding if {
	ds := run({"a@%": {"GlobalPrivileges": ["DELETE"]}, "b@10.0.0.1": {"GlobalPrivileges": ["DROP", "DELETE"]}})
	count(ds) == 1
	some f in ds
	count(f.evidence.accounts) == 2
}

test_root_is_exempt if {
	count(run({"root@%": {"GlobalPrivileges": ["ALL PRIVILEGES", "DROP", "DELETE"]}})) == 0
}

test_user_containing_at_sign if {
	count(run({"root@ops@%": {"GlobalPrivileges": ["DROP"]}})) == 1
}

test_database_level_drop_passes if {
	count(run({"app@%": {"GlobalPrivileges": ["SELECT"], "DatabasePrivileges": [{"Database": "orders", "Privileges": ["DROP"]}]}})) == 0
}

test_null_privileges_pass if {
	count(run({"app@%": {"GlobalPrivileges": null}, "b@%": {}})) == 0
}

test_unread_privileges_not_failed if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-x", "name": "x", "data": {}, "related": {}}]}}
}

test_unread_privileges_unknown if {
	some i in [{"id": "cdb-1", "name": "x", "data": {}, "related": {}}, {"id": "cdb-1", "name": "x", "data": {}, "related": {"privileges": null}}]
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cdb.instance": [i]}}
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"cdb.instance": [i]}}
}

test_read_only_instance_needs_no_privileges if {
	count(rule.unknown) == 0 with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdbro-1", "name": "x", "data": {"InstanceType": 3}, "related": {}}]}}
}
