# METADATA
# title: Load balancer has unhealthy real servers
# description: >-
#   Backends failing their health check carry no traffic: the service runs on reduced capacity
#   and the next failure may take it down. A flapping backend also drops in-flight requests.
# scope: package
# custom:
#   id: TSA-CLB-103
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   remediation: >-
#     Find why the backends fail the check (process down, port closed, security group, wrong
#     check path) and fix or replace them.
#   tam_recommendation: >-
#     Alarm on unhealthy backend counts and investigate every flapping server; keep spare
#     capacity so one unhealthy backend never overloads the rest.
#   references: []
#   params:
#     min_unhealthy: 1
#   catalogue: REL-19
package tsa.rules.clb.unhealthy_backends

import data.tsa.lib.fields

params := input.params["TSA-CLB-103"]

unhealthy(lb) := [{"ListenerId": fields.str(l, "ListenerId"), "LocationId": fields.str(r, "LocationId"), "TargetId": fields.str(t, "TargetId"), "IP": fields.str(t, "IP"), "Port": object.get(t, "Port", null), "HealthStatusDetail": object.get(t, "HealthStatusDetail", null)} |
	some l in fields.list(lb.related.health, "Listeners")
	some r in fields.list(l, "Rules")
	some t in fields.list(r, "Targets")
	t.HealthStatus == false
]

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	bad := unhealthy(lb)
	count(bad) >= params.min_unhealthy
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): %d real server ports fail the health check (%s)", [lb.id, lb.name, count(bad), concat(", ", [sprintf("%s:%v", [b.IP, b.Port]) | some b in bad])]),
		"evidence": {"unhealthy_targets": bad},
	}
}
