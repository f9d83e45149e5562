# METADATA
# title: NAT gateway port-forwarding (DNAT) rules near the limit
# description: >-
#   A NAT gateway's port-forwarding (DNAT) rules reach 80 % of the per-gateway quota, so new
#   services cannot be published through it.
# scope: package
# custom:
#   id: TSA-VPC-203
#   pillar: service_limits
#   severity: medium
#   resource_types: [vpc.nat_gateway]
#   remediation: >-
#     Remove unused DNAT rules, publish services through CLB instead of port forwarding, or
#     ask for a higher quota through a ticket.
#   tam_recommendation: >-
#     Publish inbound services through CLB rather than NAT port forwarding; it scales,
#     health-checks and keeps the NAT gateway for outbound traffic.
#   references:
#     - https://www.tencentcloud.com/document/product/1015/30230
#   params:
#     dnat_rule_limit: 200
#     threshold_pct: 80
#   catalogue: LIM-05
package tsa.rules.vpc.nat_dnat_usage

import data.tsa.lib.num

params := input.params["TSA-VPC-203"]

deny contains finding if {
	some gw in input.resources["vpc.nat_gateway"]
	is_array(gw.related.dnat_rules)
	n := count(gw.related.dnat_rules)
	p := num.pct(n, params.dnat_rule_limit)
	p >= params.threshold_pct
	finding := {
		"resource": gw.id,
		"message": sprintf("NAT gateway %s (%s) has %d DNAT rules, %v%% of the %v allowed", [gw.id, gw.name, n, num.round1(p), params.dnat_rule_limit]),
		"evidence": {"dnat_rules": n, "limit": params.dnat_rule_limit, "pct": num.round1(p)},
	}
}
