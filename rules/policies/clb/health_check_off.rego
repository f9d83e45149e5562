# METADATA
# title: Load balancer health check disabled
# description: >-
#   Without a health check the load balancer keeps sending traffic to a backend that has
#   crashed or hung, and users get errors until someone removes it by hand.
# scope: package
# custom:
#   id: TSA-CLB-102
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   remediation: >-
#     Enable the health check on every layer-4 listener and layer-7 forwarding rule, with a
#     check path or port that reflects the application's health.
#   tam_recommendation: >-
#     Turn on health checks everywhere and point HTTP checks at a lightweight endpoint that
#     tests the application's dependencies.
#   references: []
#   params: {}
#   catalogue: REL-18
package tsa.rules.clb.health_check_off

import data.tsa.lib.clb
import data.tsa.lib.fields

switched_off(unit) if unit.HealthCheck.HealthSwitch == 0

# Layer-4 listeners carry the health check themselves; layer-7 listeners carry it per rule.
off(lb) := array.concat([sprintf("listener %s (%s:%v)", [fields.str(l, "ListenerId"), l.Protocol, object.get(l, "Port", "?")]) |
	some l in lb.related.listeners
	not clb.layer7(fields.str(l, "Protocol"))
	switched_off(l)
], [sprintf("rule %s (%s%s) of listener %s", [fields.str(r, "LocationId"), fields.str(r, "Domain"), fields.str(r, "Url"), fields.str(l, "ListenerId")]) |
	some l in lb.related.listeners
	clb.layer7(fields.str(l, "Protocol"))
	some r in fields.list(l, "Rules")
	switched_off(r)
])

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	units := off(lb)
	count(units) > 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): health check is off for %s", [lb.id, lb.name, concat("; ", units)]),
		"evidence": {"HealthSwitch": 0, "health_check_off": units},
	}
}
