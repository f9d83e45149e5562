# METADATA
# title: Internet-facing load balancer capped at 1 Mbps
# description: >-
#   1 Mbps is the default cap of a new bill-by-bandwidth load balancer; left there, any real
#   traffic saturates it and requests time out.
# scope: package
# custom:
#   id: TSA-CLB-107
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   remediation: >-
#     Raise the load balancer's outbound bandwidth cap (Modify bandwidth) to the peak the
#     service needs, or move it to a bandwidth package.
#   tam_recommendation: >-
#     Check bandwidth caps of every public entry point before launch; a 1 Mbps cap is almost
#     always a forgotten default.
#   references: []
#   params:
#     max_mbps: 1
#   catalogue: REL-23
package tsa.rules.clb.bandwidth_1mbps

import data.tsa.lib.clb

params := input.params["TSA-CLB-107"]

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	clb.public(lb)
	cap := lb.data.NetworkAttributes.InternetMaxBandwidthOut
	is_number(cap)
	cap > 0
	cap <= params.max_mbps
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s) is capped at %v Mbps outbound", [lb.id, lb.name, cap]),
		"evidence": {"InternetMaxBandwidthOut": cap, "InternetChargeType": object.get(lb.data.NetworkAttributes, "InternetChargeType", null)},
	}
}
