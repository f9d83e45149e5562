# METADATA
# title: Layer-7 listener without forwarding rules
# description: >-
#   An HTTP or HTTPS listener with no forwarding rule accepts connections it cannot route:
#   clients get errors, and the listener is usually a leftover or a half-finished change.
# scope: package
# custom:
#   id: TSA-CLB-105
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   remediation: >-
#     Add the forwarding rules (domain and URL) with their backends, or delete the listener if
#     it is no longer used.
#   tam_recommendation: >-
#     Remove unused listeners and manage listeners and rules as code, so half-configured entry
#     points never reach production.
#   references: []
#   params: {}
#   catalogue: REL-21
package tsa.rules.clb.l7_no_rules

import data.tsa.lib.clb
import data.tsa.lib.fields

empty(lb) := [sprintf("%s (%s:%v)", [fields.str(l, "ListenerId"), l.Protocol, object.get(l, "Port", "?")]) |
	some l in lb.related.listeners
	clb.layer7(fields.str(l, "Protocol"))
	count(fields.list(l, "Rules")) == 0
]

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	ls := empty(lb)
	count(ls) > 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): layer-7 listener %s has no forwarding rule", [lb.id, lb.name, concat(", ", ls)]),
		"evidence": {"listeners_without_rules": ls},
	}
}
