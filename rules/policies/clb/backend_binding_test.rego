package tsa.rules.clb.backend_binding_test

import data.tsa.rules.clb.backend_binding as rule

params := {"TSA-CLB-108": {"max_ports_per_instance": 1}}

t(id, port, weight) := {"Type": "CVM", "InstanceId": id, "Port": port, "Weight": weight}

run(targets) := r if {
	r := rule.deny with input as {"params": params, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {}, "related": {"targets": [{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80, "Targets": targets}]}}]}}
}

test_same_instance_two_ports_fails if {
	some f in run([t("ins-1", 8080, 10), t("ins-1", 8081, 10)])
	f.evidence.binding_problems == {"ins-1 on ports 8080,8081 of listener lbl-1 (TCP:80)"}
}

test_distinct_instances_pass if {
	count(run([t("ins-1", 8080, 10), t("ins-2", 8080, 10)])) == 0
}

test_zero_weight_beside_live_backends_fails if {
	some f in run([t("ins-1", 80, 0), t("ins-2", 80, 10)])
	f.evidence.binding_problems == {"ins-1 weight 0 in listener lbl-1 (TCP:80)"}
}

test_all_zero_weight_is_not_this_rule if {
	count(run([t("ins-1", 80, 0), t("ins-2", 80, 0)])) == 0
}

test_missing_fields_tolerated if {
	count(run([{"InstanceId": "ins-1"}, {"InstanceId": "ins-2", "Weight": null}])) == 0
	count(run([{"Port": 80}, {"Port": 81}])) == 0
	count(run(null)) == 0
	count(run([null, t("ins-1", 80, 0)])) == 0
}

test_threshold_is_a_parameter if {
	count(rule.deny) == 0 with input as {"params": {"TSA-CLB-108": {"max_ports_per_instance": 2}}, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {}, "related": {"targets": [{"ListenerId": "lbl-1", "Targets": [t("ins-1", 1, 10), t("ins-1", 2, 10)]}]}}]}}
}

test_targets_not_read_is_unknown if {
	inp := {"params": {"TSA-CLB-108": {"max_ports_per_instance": 1}}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {}, "related": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
