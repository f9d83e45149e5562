# METADATA
# title: NAT gateway not used by any route
# description: >-
#   A NAT gateway that no route table sends traffic to carries nothing but is still billed for
#   its specification and its EIPs.
# scope: package
# custom:
#   id: TSA-VPC-302
#   pillar: cost
#   severity: medium
#   resource_types: [vpc.nat_gateway]
#   joins: [vpc.route_table]
#   remediation: >-
#     Add the route (0.0.0.0/0 to the NAT gateway) in the route tables of the subnets that need
#     it, or terminate the gateway and release its EIPs.
#   tam_recommendation: >-
#     Review NAT gateways without routes monthly; one NAT gateway per VPC usually serves every
#     private subnet.
#   references: []
#   params: {}
#   catalogue: COST-07
package tsa.rules.vpc.nat_idle

import data.tsa.lib.fields

tables := object.get(input.resources, "vpc.route_table", [])

routed := {fields.str(r, "GatewayId") |
	some t in tables
	some r in fields.list(t.data, "RouteSet")
	upper(fields.str(r, "GatewayType")) == "NAT"
	object.get(r, "Enabled", true) != false
}

# Every VPC has a route table, so a VPC without one in the inventory was not read: its NAT
# gateways are not judged.
vpcs_with_tables := {fields.str(t.data, "VpcId") | some t in tables}

deny contains finding if {
	some nat in input.resources["vpc.nat_gateway"]
	fields.str(nat.data, "VpcId") in vpcs_with_tables
	not nat.id in routed
	finding := {
		"resource": nat.id,
		"resource_type": "vpc.nat_gateway",
		"message": sprintf("NAT gateway %s (%s) in %s is the target of no enabled route", [nat.id, nat.name, nat.data.VpcId]),
		"evidence": {"VpcId": nat.data.VpcId, "routes_to_gateway": 0},
	}
}
