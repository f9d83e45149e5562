# METADATA
# title: Load balancer listener or rule with a single real server
# description: >-
#   A listener or forwarding rule with one backend is a single point of failure: when that
#   server fails or is restarted, every request it serves fails.
# scope: package
# custom:
#   id: TSA-CLB-101
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   remediation: >-
#     Bind at least two real servers (ideally in different zones) to every listener and
#     forwarding rule.
#   tam_recommendation: >-
#     Give every load-balanced service at least two backends in two zones, so a server failure
#     or a rolling release never takes it down.
#   references: []
#   params:
#     min_targets: 2
#   catalogue: REL-17
package tsa.rules.clb.single_backend

import data.tsa.lib.clb

params := input.params["TSA-CLB-101"]

thin_sets(lb) := [{"where": s.where, "targets": count(s.targets)} |
	some s in clb.target_sets(lb)
	count(s.targets) > 0
	count(s.targets) < params.min_targets
]

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	thin := thin_sets(lb)
	count(thin) > 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): fewer than %d real servers behind %s", [lb.id, lb.name, params.min_targets, concat("; ", [t.where | some t in thin])]),
		"evidence": {"forwarding": thin},
	}
}
