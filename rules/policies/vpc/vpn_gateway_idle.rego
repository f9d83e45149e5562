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
#   reads: []
#   remediation: >-
#     Create the VPN connections the gateway was bought for, or terminate it if the project
#     that needed it is finished.
#   tam_recommendation: >-
#     Review network gateways without connections each month; they are usually leftovers of a
#     migration or a proof of concept.
#   references:
#     - https://cloud.tencent.com/document/api/215/17514
#     - https://www.tencentcloud.com/document/api/215/17514
#   params: {}
#   catalogue: COST-08
#   i18n:
#     zh-CN:
#       title: 没有隧道的 VPN 网关
#       description: >-
#         没有任何 VPN 通道的 VPN 网关不承载流量，却仍在计费。
#       remediation: >-
#         创建购买该网关时计划的 VPN 通道；若相关项目已结束，则退还该网关。
#       tam_recommendation: >-
#         每月复核没有连接的网络网关，它们通常是迁移或概念验证遗留下来的资源。
package tsa.rules.vpc.vpn_gateway_idle

import data.tsa.lib.fields

# A failed connection listing shows as unknown for vpc.vpn_connection in that region; the
# gateways there may be reported idle wrongly, which the region's unknown finding flags.
used := {fields.str(c.data, "VpnGatewayId") | some c in object.get(input.resources, "vpc.vpn_connection", [])}

deny contains finding if {
	some gw in input.resources["vpc.vpn_gateway"]
	not gw.id in used
	not "" in used
	finding := {
		"resource": gw.id,
		"resource_type": "vpc.vpn_gateway",
		"message": sprintf("VPN gateway %s (%s) has no VPN connection", [gw.id, gw.name]),
		"evidence": {"connections": 0, "Type": object.get(gw.data, "Type", null), "State": object.get(gw.data, "State", null)},
	}
}

unknown contains {"resource": gw.id, "resource_type": "vpc.vpn_gateway", "reason": "a VPN connection names no VpnGatewayId, so tsa cannot tell whether it belongs to this gateway"} if {
	some gw in object.get(input.resources, "vpc.vpn_gateway", [])
	not gw.id in used
	"" in used
}
