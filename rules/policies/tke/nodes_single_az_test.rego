package tsa.rules.tke.nodes_single_az_test

import data.tsa.rules.tke.nodes_single_az as rule

params := {"TSA-TKE-101": {"min_nodes": 2}}

cvm(id, zone) := {"id": id, "zone": zone, "data": {"InstanceId": id, "Placement": {"Zone": zone}}}

node(id, role) := {"InstanceId": id, "InstanceRole": role, "InstanceState": "running"}

cluster(nodes) := {"id": "cls-1", "name": "prod", "data": {"ClusterId": "cls-1"}, "related": {"instances": nodes}}

run(c, cs) := r if {
	r := rule.deny with input as {"params": params, "resources": {"tke.cluster": [c], "cvm.instance": cs}}
}

test_workers_in_one_zone_fail if {
	some f in run(cluster([node("ins-1", "WORKER"), node("ins-2", "WORKER")]), [cvm("ins-1", "ap-guangzhou-3"), cvm("ins-2", "ap-guangzhou-3")])
	f.evidence == {"zones": {"ap-guangzhou-3"}, "worker_nodes": 2}
}

test_workers_in_two_zones_pass if {
	count(run(cluster([node("ins-1", "WORKER"), node("ins-2", "WORKER")]), [cvm("ins-1", "ap-guangzhou-3"), cvm("ins-2", "ap-guangzhou-4")])) == 0
}

test_masters_do_not_count if {
	count(run(cluster([node("ins-1", "WORKER"), node("ins-2", "MASTER_ETCD")]), [cvm("ins-1", "ap-guangzhou-3"), cvm("ins-2", "ap-guangzhou-3")])) == 0
}

test_single_worker_below_minimum_passes if {
	count(run(cluster([node("ins-1", "WORKER")]), [cvm("ins-1", "ap-guangzhou-3")])) == 0
}

test_nodes_missing_from_cvm_inventory_left_out if {
	count(run(cluster([node("ins-1", "WORKER"), node("ins-9", "WORKER")]), [cvm("ins-1", "ap-guangzhou-3")])) == 0
}

test_zone_from_placement_when_resource_zone_empty if {
	count(run(cluster([node("ins-1", "WORKER"), node("ins-2", "WORKER")]), [
		{"id": "ins-1", "zone": "", "data": {"Placement": {"Zone": "ap-guangzhou-3"}}},
		{"id": "ins-2", "zone": "", "data": {"Placement": {"Zone": "ap-guangzhou-3"}}},
	])) == 1
}

test_unread_or_null_instances_not_failed if {
	count(run({"id": "cls-1", "name": "prod", "data": {}, "related": {}}, [cvm("ins-1", "z")])) == 0
	count(run(cluster(null), [cvm("ins-1", "z")])) == 0
	count(run(cluster([null]), [cvm("ins-1", "z")])) == 0
}

test_nodes_not_read_is_unknown if {
	inp := {"params": {"TSA-TKE-101": {"min_nodes": 2}}, "resources": {"tke.cluster": [{"id": "cls-x", "name": "x", "data": {}, "related": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_node_without_cvm_is_unknown if {
	inp := {"params": {"TSA-TKE-101": {"min_nodes": 2}}, "resources": {"tke.cluster": [{"id": "cls-x", "name": "x", "data": {}, "related": {"instances": [{"InstanceId": "ins-gone", "InstanceRole": "WORKER"}]}}], "cvm.instance": []}}
	count(rule.unknown) == 1 with input as inp
}
