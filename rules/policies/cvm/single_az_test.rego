package tsa.rules.cvm.single_az_test

import data.tsa.rules.cvm.single_az as rule

params := {"TSA-CVM-101": {"min_instances": 2, "group_tag": "app"}}

vm(id, region, zone, app) := {"id": id, "name": id, "region": region, "zone": zone, "tags": {"app": app}}

run(vms) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cvm.instance": vms}}
}

test_single_zone_region_fails_every_instance if {
	ds := run([vm("ins-1", "ap-guangzhou", "ap-guangzhou-3", "a"), vm("ins-2", "ap-guangzhou", "ap-guangzhou-3", "b")])
	count(ds) == 2
	every d in ds {
		not d.severity
	}
}

test_two_zones_pass if {
	count(run([vm("ins-1", "ap-guangzhou", "ap-guangzhou-3", "a"), vm("ins-2", "ap-guangzhou", "ap-guangzhou-6", "b")])) == 0
}

test_single_instance_passes_at_min_instances_boundary if {
	count(run([vm("ins-1", "ap-guangzhou", "ap-guangzhou-3", "a")])) == 0
}

test_regions_are_judged_separately if {
	ds := run([
		vm("ins-1", "ap-guangzhou", "ap-guangzhou-3", "a"), vm("ins-2", "ap-guangzhou", "ap-guangzhou-6", "b"),
		vm("ins-3", "ap-shanghai", "ap-shanghai-2", "c"), vm("ins-4", "ap-shanghai", "ap-shanghai-2", "d"),
	])
	{d.resource | some d in ds} == {"ins-3", "ins-4"}
}

test_app_in_one_zone_fails_medium if {
	ds := run([
		vm("ins-1", "ap-guangzhou", "ap-guangzhou-3", "order"), vm("ins-2", "ap-guangzhou", "ap-guangzhou-3", "order"),
		vm("ins-3", "ap-guangzhou", "ap-guangzhou-6", "pay"),
	])
	{d.resource | some d in ds} == {"ins-1", "ins-2"}
	every d in ds {
		d.severity == "medium"
	}
}

test_untagged_instances_have_no_group if {
	count(run([
		{"id": "ins-1", "name": "a", "region": "ap-guangzhou", "zone": "ap-guangzhou-3", "tags": {}},
		{"id": "ins-2", "name": "b", "region": "ap-guangzhou", "zone": "ap-guangzhou-3", "tags": {}},
		vm("ins-3", "ap-guangzhou", "ap-guangzhou-6", "pay"),
	])) == 0
}

unknowns(vms) := r if {
	r := rule.unknown with input as {"params": params, "resources": {"cvm.instance": vms}}
}

# The old rule said nothing about untagged instances of a multi-zone region.
test_untagged_instance_in_multi_zone_region_is_unknown if {
	vms := [vm("ins-1", "ap-guangzhou", "ap-guangzhou-3", "a"), vm("ins-2", "ap-guangzhou", "ap-guangzhou-6", "a"), {"id": "ins-3", "name": "x", "region": "ap-guangzhou", "zone": "ap-guangzhou-3", "tags": {}}]
	count(run(vms)) == 0
	{u.resource | some u in unknowns(vms)} == {"ins-3"}
}

test_untagged_instance_in_single_zone_region_is_judged if {
	vms := [{"id": "ins-1", "name": "x", "region": "r", "zone": "r-1"}, {"id": "ins-2", "name": "y", "region": "r", "zone": "r-1"}]
	count(run(vms)) == 2
	count(unknowns(vms)) == 0
}

test_missing_zone_is_unknown if {
	vms := [{"id": "ins-1", "name": "x", "region": "r", "tags": {"app": "a"}}]
	count(run(vms)) == 0
	count(unknowns(vms)) == 1
}
