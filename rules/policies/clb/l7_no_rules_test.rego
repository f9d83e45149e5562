package tsa.rules.clb.l7_no_rules_test

import data.tsa.rules.clb.l7_no_rules as rule

run(listeners) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {}, "related": {"listeners": listeners}}]}}
}

test_https_listener_without_rules_fails if {
	some f in run([{"ListenerId": "lbl-1", "Protocol": "HTTPS", "Port": 443}])
	f.evidence.listeners_without_rules == ["lbl-1 (HTTPS:443)"]
}

test_empty_and_null_rules_fail if {
	count(run([{"ListenerId": "lbl-1", "Protocol": "HTTP", "Port": 80, "Rules": []}])) == 1
	count(run([{"ListenerId": "lbl-1", "Protocol": "HTTP", "Port": 80, "Rules": null}])) == 1
}

test_listener_with_rules_passes if {
	count(run([{"ListenerId": "lbl-1", "Protocol": "HTTP", "Port": 80, "Rules": [{"LocationId": "loc-1"}]}])) == 0
}

test_layer4_listener_not_in_scope if {
	count(run([{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80}])) == 0
}

test_no_or_unread_listeners_not_failed if {
	count(run([])) == 0
	count(rule.deny) == 0 with input as {"params": {}, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {}, "related": {}}]}}
}

test_listeners_not_read_is_unknown if {
	inp := {"params": {}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {}, "related": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
