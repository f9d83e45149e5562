package tsa.rules.clb.single_backend_test

import data.tsa.rules.clb.single_backend as rule

params := {"TSA-CLB-101": {"min_targets": 2}}

t(id, port) := {"Type": "CVM", "InstanceId": id, "Port": port, "Weight": 10}

run(targets) := r if {
	r := rule.deny with input as {"params": params, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {}, "related": {"targets": targets}}]}}
}

test_layer4_listener_with_one_target_fails if {
	some f in run([{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80, "Targets": [t("ins-1", 80)]}])
	f.evidence.forwarding == [{"where": "listener lbl-1 (TCP:80)", "targets": 1}]
}

test_layer7_rule_with_one_target_fails if {
	some f in run([{"ListenerId": "lbl-2", "Protocol": "HTTP", "Port": 80, "Rules": [
		{"LocationId": "loc-1", "Domain": "a.example.com", "Url": "/", "Targets": [t("ins-1", 80), t("ins-2", 80)]},
		{"LocationId": "loc-2", "Domain": "a.example.com", "Url": "/api", "Targets": [t("ins-3", 80)]},
	]}])
	count(f.evidence.forwarding) == 1
	contains(f.message, "rule loc-2 (a.example.com/api) of listener lbl-2")
}

test_two_targets_pass if {
	count(run([{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80, "Targets": [t("ins-1", 80), t("ins-2", 80)]}])) == 0
}

test_no_targets_is_not_this_rule if {
	count(run([{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80}])) == 0
	count(run([{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80, "Targets": null}])) == 0
	count(run([])) == 0
	count(run([null])) == 0
}

test_unread_targets_not_failed if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {}, "related": {}}]}}
}

test_targets_not_read_is_unknown if {
	inp := {"params": {"TSA-CLB-101": {"min_targets": 2}}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {}, "related": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
