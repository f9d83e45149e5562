package tsa.rules.clb.health_check_off_test

import data.tsa.rules.clb.health_check_off as rule

run(listeners) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {}, "related": {"listeners": listeners}}]}}
}

test_layer4_off_fails if {
	some f in run([{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 3306, "HealthCheck": {"HealthSwitch": 0}}])
	f.evidence.health_check_off == ["listener lbl-1 (TCP:3306)"]
}

test_layer7_rule_off_fails if {
	some f in run([{"ListenerId": "lbl-2", "Protocol": "HTTPS", "Port": 443, "Rules": [
		{"LocationId": "loc-1", "Domain": "a.example.com", "Url": "/", "HealthCheck": {"HealthSwitch": 1}},
		{"LocationId": "loc-2", "Domain": "a.example.com", "Url": "/admin", "HealthCheck": {"HealthSwitch": 0}},
	]}])
	f.evidence.health_check_off == ["rule loc-2 (a.example.com/admin) of listener lbl-2"]
}

test_on_passes if {
	count(run([{"ListenerId": "lbl-1", "Protocol": "UDP", "Port": 53, "HealthCheck": {"HealthSwitch": 1}}])) == 0
}

test_missing_health_check_not_failed if {
	count(run([{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80}])) == 0
	count(run([{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80, "HealthCheck": null}])) == 0
	count(run([{"ListenerId": "lbl-2", "Protocol": "HTTP", "Port": 80, "Rules": null}])) == 0
}

test_several_listeners_make_one_finding if {
	r := run([
		{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80, "HealthCheck": {"HealthSwitch": 0}},
		{"ListenerId": "lbl-3", "Protocol": "TCP", "Port": 81, "HealthCheck": {"HealthSwitch": 0}},
	])
	count(r) == 1
}

test_unread_listeners_not_failed if {
	count(rule.deny) == 0 with input as {"params": {}, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {}, "related": {}}]}}
}

test_listeners_not_read_is_unknown if {
	inp := {"params": {}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {}, "related": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_missing_health_switch_is_unknown if {
	inp := {"params": {}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {}, "related": {"listeners": [{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80}]}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
