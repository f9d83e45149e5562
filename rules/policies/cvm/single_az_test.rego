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
