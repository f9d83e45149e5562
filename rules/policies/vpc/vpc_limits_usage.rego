# METADATA
# title: VPC resources near the VPC limits
# description: >-
#   The VPCs of a region, or the subnets, route tables, network ACLs, NAT gateways or VPN
#   gateways of one VPC, or the routes of one route table, reach 80 % of the limit
#   DescribeVpcLimits reports, so the network cannot grow where it needs to.
# scope: package
# custom:
#   id: TSA-VPC-202
#   pillar: service_limits
#   severity: medium
#   resource_types: [vpc.limits]
#   joins: [vpc.vpc, vpc.subnet, vpc.route_table, vpc.network_acl, vpc.nat_gateway, vpc.vpn_gateway]
#   reads: [data.VpcLimitSet]
#   remediation: >-
#     Remove unused VPC resources (empty subnets, orphan route tables, stale routes), merge
#     routes, or ask for a higher limit through a ticket.
#   tam_recommendation: >-
#     Plan VPC layout with headroom under each limit (route tables and routes first) and
#     raise limits ahead of expansions.
#   references:
#     - https://cloud.tencent.com/document/api/215/15778
#     - https://www.tencentcloud.com/document/api/215/15778
#     - https://cloud.tencent.com/document/api/215/15784
#   params:
#     threshold_pct: 80
#   catalogue: LIM-03
#   i18n:
#     zh-CN:
#       title: VPC 资源接近 VPC 限额
#       description: >-
#         地域内的 VPC 数量，或某个 VPC 内的子网、路由表、网络 ACL、NAT 网关、VPN 网关数量，或某张路由表的路由条目数，
#         已达到 DescribeVpcLimits 所报告限额的 80% 以上，网络将无法按需扩展。
#       remediation: >-
#         清理不再使用的 VPC 资源（空子网、孤立路由表、过期路由），合并路由，或通过工单申请提高限额。
#       tam_recommendation: >-
#         规划 VPC 时为每项限额预留余量（优先关注路由表和路由条目），并在扩容之前提前提升限额。
package tsa.rules.vpc.vpc_limits_usage

import data.tsa.lib.num

params := input.params["TSA-VPC-202"]

# per_vpc maps a limit type counted per VPC to the resource type it counts.
per_vpc := {
	"vpc-max-subnets": "vpc.subnet",
	"vpc-max-route-tables": "vpc.route_table",
	"vpc-max-network-acls": "vpc.network_acl",
	"vpc-max-nat-gateways": "vpc.nat_gateway",
	"vpc-max-vpn-gateways": "vpc.vpn_gateway",
}

# limit_set reads the DescribeVpcLimits answer ({"VpcLimitSet": [...]}, or the list itself).
limit_set(d) := object.get(d, "VpcLimitSet", []) if is_object(d)

else := d if is_array(d)

else := []

# limit is the value of a limit type in a region.
limit(region, type) := v if {
	some r in input.resources["vpc.limits"]
	r.region == region
	some l in limit_set(r.data)
	l.LimitType == type
	v := num.of(l.LimitValue)
}

resources(type) := object.get(input.resources, type, [])

tight(type, used, lim) := {"LimitType": type, "used": used, "LimitValue": lim, "pct": num.round1(p)} if {
	p := num.pct(used, lim)
	p >= params.threshold_pct
}

describe(ts) := concat("; ", [sprintf("%s %d of %v", [t.LimitType, t.used, t.LimitValue]) | some t in ts])

# Region-wide: the number of VPCs.
deny contains finding if {
	some r in input.resources["vpc.limits"]
	t := tight("appid-max-vpcs", count([v | some v in resources("vpc.vpc"); v.region == r.region]), limit(r.region, "appid-max-vpcs"))
	finding := {
		"resource": r.id,
		"resource_type": "vpc.limits",
		"message": sprintf("VPCs in %s near the limit: %s", [r.region, describe([t])]),
		"evidence": {"limits": [t]},
	}
}

# Per VPC: its subnets, route tables, ACLs and gateways.
deny contains finding if {
	some v in resources("vpc.vpc")
	ts := [t |
		some type, kind in per_vpc
		used := count([x | some x in resources(kind); x.region == v.region; x.data.VpcId == v.id])
		t := tight(type, used, limit(v.region, type))
	]
	count(ts) > 0
	finding := {
		"resource": v.id,
		"resource_type": "vpc.vpc",
		"message": sprintf("VPC %s (%s) near its limits: %s", [v.id, v.name, describe(ts)]),
		"evidence": {"limits": ts},
	}
}

# Per route table: its routes.
deny contains finding if {
	some rt in resources("vpc.route_table")
	routes := count([x | some x in object.get(rt.data, "RouteSet", [])])
	t := tight("route-table-max-policies", routes, limit(rt.region, "route-table-max-policies"))
	finding := {
		"resource": rt.id,
		"resource_type": "vpc.route_table",
		"message": sprintf("route table %s (%s) near its route limit: %s", [rt.id, rt.name, describe([t])]),
		"evidence": {"limits": [t]},
	}
}

checked := array.concat(["appid-max-vpcs", "route-table-max-policies"], [t | some t, _ in per_vpc])

unknown contains {"resource": r.id, "resource_type": "vpc.limits", "reason": sprintf("limit %s is missing from VpcLimitSet or not a number", [t])} if {
	some r in resources("vpc.limits")
	some t in checked
	not limit(r.region, t)
}
