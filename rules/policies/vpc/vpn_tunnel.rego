# METADATA
# title: VPN tunnel down, or a VPN gateway with a single tunnel
# description: >-
#   A VPN connection whose tunnel is down cuts the link to the other site; a gateway with only
#   one tunnel has no path left when that tunnel or the peer device fails.
# scope: package
# custom:
#   id: TSA-VPC-103
#   pillar: reliability
#   severity: high
#   resource_types: [vpc.vpn_connection, vpc.vpn_gateway]
#   reads: [data.State, data.NetStatus, data.VpnGatewayId]
#   remediation: >-
#     Check the peer device, pre-shared key and IKE/IPsec parameters of the down tunnel; add a
#     second tunnel (to a second customer gateway) for every VPN gateway.
#   tam_recommendation: >-
#     Build VPN links as two tunnels to two peer devices with health checks and route
#     priorities, or use Direct Connect with VPN as the backup path.
#   references:
#     - https://cloud.tencent.com/document/api/215/17514
#     - https://www.tencentcloud.com/document/api/215/17514
#   params:
#     min_tunnels: 2
#   catalogue: REL-28
#   i18n:
#     zh-CN:
#       title: VPN 隧道中断，或 VPN 网关只有一条隧道
#       description: >-
#         隧道中断的 VPN 通道会切断与对端站点的连接；只有一条隧道的网关在该隧道或对端设备故障时没有备用路径。
#       remediation: >-
#         检查中断隧道的对端设备、预共享密钥以及 IKE/IPsec 参数；为每个 VPN 网关再添加一条隧道（连接到第二个对端网关）
#         。
#       tam_recommendation: >-
#         VPN 链路应由两条连接到不同对端设备的隧道组成，并配置健康检查和路由优先级；或以专线为主、VPN 为备。
package tsa.rules.vpc.vpn_tunnel

import data.tsa.lib.fields

params := input.params["TSA-VPC-103"]

connections := object.get(input.resources, "vpc.vpn_connection", [])

# down: a connection that is provisioned (State AVAILABLE) but whose tunnel is not connected,
# or whose health check reports it unreachable.
down(c) := {"NetStatus": c.data.NetStatus} if {
	fields.str(c.data, "State") in {"AVAILABLE", ""}
	is_string(c.data.NetStatus)
	c.data.NetStatus != "AVAILABLE"
} else := {"HealthCheckStatus": "UNAVAILABLE"} if {
	c.data.HealthCheckStatus == "UNAVAILABLE"
}

deny contains finding if {
	some c in connections
	why := down(c)
	finding := {
		"resource": c.id,
		"resource_type": "vpc.vpn_connection",
		"message": sprintf("VPN connection %s (%s) of gateway %s is down (%s)", [c.id, c.name, fields.str(c.data, "VpnGatewayId"), concat(", ", [sprintf("%s=%s", [k, v]) | some k, v in why])]),
		"evidence": object.union(why, {"State": object.get(c.data, "State", null), "VpnGatewayId": fields.str(c.data, "VpnGatewayId")}),
	}
}

tunnels := {gw: ids |
	some c in connections
	gw := fields.str(c.data, "VpnGatewayId")
	ids := [x.id | some x in connections; fields.str(x.data, "VpnGatewayId") == gw]
}

deny contains finding if {
	some gw in input.resources["vpc.vpn_gateway"]
	ids := tunnels[gw.id]
	count(ids) < params.min_tunnels
	finding := {
		"resource": gw.id,
		"resource_type": "vpc.vpn_gateway",
		"severity": "medium",
		"message": sprintf("VPN gateway %s (%s) has only %d tunnel (%s), no redundant path", [gw.id, gw.name, count(ids), concat(", ", ids)]),
		"evidence": {"connections": ids},
	}
}

unknown contains {"resource": c.id, "resource_type": "vpc.vpn_connection", "reason": "the connection is available (or its State is unknown) and its NetStatus is absent or null"} if {
	some c in connections
	fields.str(c.data, "State") in {"AVAILABLE", ""}
	not is_string(object.get(c.data, "NetStatus", null))
	not c.data.HealthCheckStatus == "UNAVAILABLE"
}

unknown contains {"resource": c.id, "resource_type": "vpc.vpn_connection", "reason": "VpnGatewayId is absent: tsa cannot count the connection against its gateway"} if {
	some c in connections
	fields.str(c.data, "VpnGatewayId") == ""
}
