# METADATA
# title: NAT gateway not used by any route
# description: >-
#   A NAT gateway that no route table sends traffic to carries nothing but is still billed for
#   its specification and its EIPs.
#   A gateway whose VPC has no route table in the inventory, or a table whose routes were not
#   returned, is unknown.
# scope: package
# custom:
#   id: TSA-VPC-302
#   pillar: cost
#   severity: medium
#   resource_types: [vpc.nat_gateway]
#   joins: [vpc.route_table]
#   reads: [data.VpcId]
#   remediation: >-
#     Add the route (0.0.0.0/0 to the NAT gateway) in the route tables of the subnets that need
#     it, or terminate the gateway and release its EIPs.
#   tam_recommendation: >-
#     Review NAT gateways without routes monthly; one NAT gateway per VPC usually serves every
#     private subnet.
#   references:
#     - https://www.tencentcloud.com/document/product/1015/30230
#     - https://cloud.tencent.com/document/product/215/15763
#   params: {}
#   catalogue: COST-07
#   i18n:
#     zh-CN:
#       title: 没有任何路由指向的 NAT 网关
#       description: >-
#         没有任何路由表把流量发往的 NAT 网关不承载任何流量，却仍按规格及其绑定的 EIP 计费。
#       remediation: >-
#         在需要访问公网的子网所关联的路由表中添加路由（0.0.0.0/0 指向该 NAT 网关），或退还该网关并释放其 EIP。
#       tam_recommendation: >-
#         每月复核没有路由的 NAT 网关；通常一个 VPC 只需一个 NAT 网关即可服务所有私有子网。
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
	not why_unknown(nat)
	finding := {
		"resource": nat.id,
		"resource_type": "vpc.nat_gateway",
		"message": sprintf("NAT gateway %s (%s) in %s is the target of no enabled route", [nat.id, nat.name, nat.data.VpcId]),
		"evidence": {"VpcId": nat.data.VpcId, "routes_to_gateway": 0},
	}
}

unknown contains {"resource": nat.id, "resource_type": "vpc.nat_gateway", "reason": reason} if {
	some nat in object.get(input.resources, "vpc.nat_gateway", [])
	not nat.id in routed
	reason := why_unknown(nat)
}

why_unknown(nat) := "VpcId is absent or null" if {
	not is_string(object.get(nat.data, "VpcId", null))
} else := sprintf("no route table of VPC %s is in the inventory (every VPC has one)", [nat.data.VpcId]) if {
	not nat.data.VpcId in vpcs_with_tables
} else := sprintf("a route table of VPC %s has no RouteSet", [nat.data.VpcId]) if {
	some t in tables
	fields.str(t.data, "VpcId") == nat.data.VpcId
	not is_array(object.get(t.data, "RouteSet", null))
}
