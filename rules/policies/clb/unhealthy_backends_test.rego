package tsa.rules.clb.unhealthy_backends_test

import data.tsa.rules.clb.unhealthy_backends as rule

params := {"TSA-CLB-103": {"min_unhealthy": 1}}

target(ip, ok) := {"IP": ip, "Port": 80, "HealthStatus": ok, "TargetId": "ins-1", "HealthStatusDetail": "Dead"}

run(health) := r if {
	r := rule.deny with input as {"params": params, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {}, "related": {"health": health}}]}}
}

test_unhealthy_target_fails if {
	some f in run({"LoadBalancerId": "lb-1", "Listeners": [{"ListenerId": "lbl-1", "Rules": [{"LocationId": "loc-1", "Targets": [target("10.0.0.1", false), target("10.0.0.2", true)]}]}]})
	count(f.evidence.unhealthy_targets) == 1
	contains(f.message, "10.0.0.1:80")
}

test_all_healthy_passes if {
	count(run({"Listeners": [{"ListenerId": "lbl-1", "Rules": [{"Targets": [target("10.0.0.1", true)]}]}]})) == 0
}

test_minimum_is_a_parameter if {
	count(rule.deny) == 0 with input as {"params": {"TSA-CLB-103": {"min_unhealthy": 2}}, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {}, "related": {"health": {"Listeners": [{"Rules": [{"Targets": [target("10.0.0.1", false)]}]}]}}}]}}
}

test_missing_status_not_failed if {
	count(run({"Listeners": [{"Rules": [{"Targets": [{"IP": "10.0.0.1", "Port": 80}]}]}]})) == 0
	count(run({"Listeners": [{"Rules": [{"Targets": [{"IP": "10.0.0.1", "Port": 80, "HealthStatus": null}]}]}]})) == 0
}

test_empty_or_unread_health_not_failed if {
	count(run({})) == 0
	count(run({"Listeners": null})) == 0
	count(run(null)) == 0
	count(rule.deny) == 0 with input as {"params": params, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {}, "related": {}}]}}
}

test_health_not_read_is_unknown if {
	inp := {"params": {"TSA-CLB-103": {"min_unhealthy": 1}}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {}, "related": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_missing_health_status_is_unknown if {
	inp := {"params": {"TSA-CLB-103": {"min_unhealthy": 1}}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {}, "related": {"health": {"Listeners": [{"ListenerId": "lbl-1", "Rules": [{"Targets": [{"IP": "10.0.0.1", "Port": 80}]}]}]}}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
