# METADATA
# title: VPN gateway without tunnels
# description: >-
#   A VPN gateway with no VPN connection carries no traffic but is still billed.
# scope: package
# custom:
#   id: TSA-VPC-303
#   pillar: cost
#   severity: medium
#   resource_types: [vpc.vpn_gateway]
#   joins: [vpc.vpn_connection]
#   remediation: >-
#     Create the VPN connections the gateway was bought for, or terminate it if the project
#     that needed it is finished.
#   tam_recommendation: >-
#     Review network gateways without connections each month; they are usually leftovers of a
#     migration or a proof of concept.
#   references: []
#   params: {}
#   catalogue: COST-08
package tsa.rules.vpc.vpn_gateway_idle

import data.tsa.lib.fields

# A failed connection listing shows as unknown for vpc.vpn_connection in that region; the
# gateways there may be reported idle wrongly, which the region's unknown finding flags.
used := {fields.str(c.data, "VpnGatewayId") | some c in object.get(input.resources, "vpc.vpn_connection", [])}

deny contains finding if {
	some gw in input.resources["vpc.vpn_gateway"]
	not gw.id in used
	finding := {
		"resource": gw.id,
		"resource_type": "vpc.vpn_gateway",
		"message": sprintf("VPN gateway %s (%s) has no VPN connection", [gw.id, gw.name]),
		"evidence": {"connections": 0, "Type": object.get(gw.data, "Type", null), "State": object.get(gw.data, "State", null)},
	}
}
