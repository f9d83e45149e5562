# METADATA
# title: Load balancer far below its specification
# description: >-
#   A performance-capacity load balancer whose peak concurrent connections stay under a tenth
#   of its specification's limit pays for capacity it never uses.
# scope: package
# custom:
#   id: TSA-CLB-302
#   pillar: cost
#   severity: medium
#   resource_types: [clb.load_balancer]
#   joins: [monitor.metric]
#   remediation: >-
#     Downgrade the instance to a smaller specification (Modify specification), or to the
#     shared type if it needs no guaranteed capacity.
#   tam_recommendation: >-
#     Size performance-capacity load balancers from their measured peak connections plus
#     headroom, and revisit the size after each season's peak.
#   references: []
#   params:
#     percent: 10
#     window_days: 14
#     min_days: 7
#     max_connections_by_sla:
#       clb.c2.medium: 50000
#       clb.c3.small: 100000
#       clb.c3.medium: 200000
#       clb.c4.small: 500000
#       clb.c4.medium: 1000000
#       clb.c4.large: 2000000
#       clb.c4.xlarge: 5000000
#   catalogue: COST-05
package tsa.rules.clb.low_utilization

import data.tsa.lib.metrics

params := input.params["TSA-CLB-302"]

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	limit := params.max_connections_by_sla[lb.data.SlaType]
	recent := metrics.last(metrics.peaks("clb_connections", lb.id), params.window_days)
	count(recent) >= params.min_days
	peak := max(recent)
	(peak * 100) / limit < params.percent
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): peak %v concurrent connections is %v%% of the %v that %s allows", [lb.id, lb.name, peak, metrics.round2((peak * 100) / limit), limit, lb.data.SlaType]),
		"evidence": {"SlaType": lb.data.SlaType, "max_connections": limit, "peak_connections": peak, "days": count(recent)},
	}
}
