# METADATA
# title: Load balancer backends bound unevenly
# description: >-
#   One server bound on several ports of the same listener or rule looks like redundancy but
#   fails as one; a zero-weight backend in a set gets no traffic and hides lost capacity.
# scope: package
# custom:
#   id: TSA-CLB-108
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   remediation: >-
#     Bind each listener or rule to distinct servers (one port each), and give every bound
#     backend a non-zero weight or unbind it.
#   tam_recommendation: >-
#     Spread each forwarding rule over distinct servers in different zones, and use weight 0
#     only briefly, for draining during releases.
#   references: []
#   params:
#     max_ports_per_instance: 1
#   catalogue: REL-24
package tsa.rules.clb.backend_binding

import data.tsa.lib.clb
import data.tsa.lib.fields

params := input.params["TSA-CLB-108"]

multi_port(s) := [sprintf("%s on ports %s of %s", [id, concat(",", [sprintf("%v", [p]) | some p in ports]), s.where]) |
	some id in {fields.str(t, "InstanceId") | some t in s.targets} - {""}
	ports := {object.get(t, "Port", null) | some t in s.targets; fields.str(t, "InstanceId") == id}
	count(ports) > params.max_ports_per_instance
]

zero_weight(s) := [sprintf("%s weight 0 in %s", [fields.str(t, "InstanceId"), s.where]) |
	some t in s.targets
	t.Weight == 0
	some other in s.targets
	w := other.Weight
	is_number(w)
	w > 0
]

problems(lb) := {p |
	some s in clb.target_sets(lb)
	some p in array.concat(multi_port(s), zero_weight(s))
}

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	ps := problems(lb)
	count(ps) > 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): %s", [lb.id, lb.name, concat("; ", sort(ps))]),
		"evidence": {"binding_problems": ps},
	}
}
