package tsa.rules.cdb.ro_group_single_test

import data.tsa.rules.cdb.ro_group_single as rule

params := {"TSA-CDB-103": {"min_instances": 2}}

inst(groups) := {"id": "cdb-1", "name": "orders", "data": {}, "related": {"ro_groups": groups}}

ro(id) := {"InstanceId": id, "Zone": "ap-guangzhou-3"}

run(i) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cdb.instance": [i]}}
}

test_single_instance_group_fails if {
	some f in run(inst([{"RoGroupId": "cdbrg-1", "RoInstances": [ro("cdbro-1")]}, {"RoGroupId": "cdbrg-2", "RoInstances": [ro("a"), ro("b")]}]))
	f.evidence.ro_groups == [{"RoGroupId": "cdbrg-1", "instances": 1}]
}

test_two_instance_groups_pass if {
	count(run(inst([{"RoGroupId": "cdbrg-2", "RoInstances": [ro("a"), ro("b")]}]))) == 0
}

test_no_groups_pass if {
	count(run(inst([]))) == 0
	count(run(inst(null))) == 0
}

test_group_without_instances_not_failed if {
	count(run(inst([{"RoGroupId": "cdbrg-3"}]))) == 0
	count(run(inst([{"RoGroupId": "cdbrg-3", "RoInstances": null}]))) == 0
}

test_unread_groups_not_failed if {
	count(run({"id": "cdb-1", "name": "x", "data": {}, "related": {}})) == 0
}

test_unread_groups_unknown if {
	i := {"id": "cdb-1", "name": "x", "data": {}, "related": {}}
	count(run(i)) == 0
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"cdb.instance": [i]}}
}
