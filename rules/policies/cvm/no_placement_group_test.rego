package tsa.rules.cvm.no_placement_group_test

import data.tsa.rules.cvm.no_placement_group as rule

params := {"TSA-CVM-102": {"group_tag": "app", "min_instances": 2}}

inst(id, app, groups) := {"id": id, "name": id, "region": "ap-guangzhou", "tags": {"app": app}, "data": {"DisasterRecoverGroupIds": groups}}

run(is) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cvm.instance": is}}
}

unknowns(is) := r if {
	r := rule.unknown with input as {"params": params, "resources": {"cvm.instance": is}}
}

test_two_instances_without_group_fail if {
	r := run([inst("ins-1", "web", []), inst("ins-2", "web", [])])
	count(r) == 2
	some f in r
	f.resource == "ins-1"
	f.evidence.instances_in_group == 2
	contains(f.message, "app=web")
}

test_instance_in_group_passes if {
	is := [inst("ins-1", "web", ["ps-1"]), inst("ins-2", "web", ["ps-1"])]
	count(run(is)) == 0
	count(unknowns(is)) == 0
}

test_only_the_ungrouped_member_fails if {
	r := run([inst("ins-1", "web", ["ps-1"]), inst("ins-2", "web", [])])
	{f.resource | some f in r} == {"ins-2"}
}

test_single_instance_service_passes if {
	# min_instances is the boundary: one instance is no multi-instance service.
	count(run([inst("ins-1", "web", []), inst("ins-2", "api", [])])) == 0
}

# The old rule said nothing about untagged fleets: now they are unknown.
test_untagged_instances_are_unknown if {
	is := [{"id": "ins-1", "name": "a", "region": "r", "tags": {}, "data": {"DisasterRecoverGroupIds": []}}, {"id": "ins-2", "name": "b", "region": "r", "data": {"DisasterRecoverGroupIds": []}}]
	count(run(is)) == 0
	count(unknowns(is)) == 2
}

test_untagged_instance_in_group_passes if {
	count(unknowns([{"id": "ins-1", "name": "a", "region": "r", "data": {"DisasterRecoverGroupIds": ["ps-1"]}}])) == 0
}

test_same_tag_other_region_is_another_service if {
	other := object.union(inst("ins-2", "web", []), {"region": "ap-shanghai"})
	count(run([inst("ins-1", "web", []), other])) == 0
}

test_null_group_list_is_unknown if {
	is := [inst("ins-1", "web", null), inst("ins-2", "web", [])]
	{f.resource | some f in run(is)} == {"ins-2"}
	{u.resource | some u in unknowns(is)} == {"ins-1"}
}

test_no_instances if {
	count(run([])) == 0
}
