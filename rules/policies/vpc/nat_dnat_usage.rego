# METADATA
# title: NAT gateway port-forwarding (DNAT) rules near the limit
# description: >-
#   A NAT gateway's port-forwarding (DNAT) rules reach 80 % of the per-gateway quota, so new
#   services cannot be published through it. The quota is the region's nat-gateway-max-dnapts
#   (DescribeVpcLimits), or the dnat_rule_limit parameter when that was not read.
# scope: package
# custom:
#   id: TSA-VPC-203
#   pillar: service_limits
#   severity: medium
#   resource_types: [vpc.nat_gateway]
#   joins: [vpc.limits]
#   reads: [related.dnat_rules]
#   remediation: >-
#     Remove unused DNAT rules, publish services through CLB instead of port forwarding, or
#     ask for a higher quota through a ticket.
#   tam_recommendation: >-
#     Publish inbound services through CLB rather than NAT port forwarding; it scales,
#     health-checks and keeps the NAT gateway for outbound traffic.
#   references:
#     - https://www.tencentcloud.com/document/product/1015/30230
#     - https://cloud.tencent.com/document/product/1015/30230
#   params:
#     dnat_rule_limit: 200
#     threshold_pct: 80
#   catalogue: LIM-05
#   i18n:
#     zh-CN:
#       title: NAT 网关端口转发（DNAT）规则接近上限
#       description: >-
#         NAT 网关的端口转发（DNAT）规则数已达到单网关配额的 80%，新的端口映射即将无法添加。
#       remediation: >-
#         删除不再使用的 DNAT 规则，改用负载均衡对外发布服务，或通过工单申请提高配额。
#       tam_recommendation: >-
#         入站服务应通过负载均衡而不是 NAT 端口转发对外发布：负载均衡可扩展、带健康检查，NAT 网关则专注于出站流量。
package tsa.rules.vpc.nat_dnat_usage

import data.tsa.lib.num

params := input.params["TSA-VPC-203"]

# limit_set reads the DescribeVpcLimits answer ({"VpcLimitSet": [...]}, or the list itself).
limit_set(d) := object.get(d, "VpcLimitSet", []) if is_object(d)

else := d if is_array(d)

else := []

# limit is the region's DNAT rule quota per gateway as the account reads it, else the parameter.
limit(region) := {"value": v, "source": "nat-gateway-max-dnapts"} if {
	vs := [v |
		some r in object.get(input.resources, "vpc.limits", [])
		r.region == region
		some l in limit_set(r.data)
		l.LimitType == "nat-gateway-max-dnapts"
		v := num.of(l.LimitValue)
		v > 0
	]
	count(vs) > 0
	v := min(vs)
} else := {"value": params.dnat_rule_limit, "source": "dnat_rule_limit"}

deny contains finding if {
	some gw in input.resources["vpc.nat_gateway"]
	is_array(gw.related.dnat_rules)
	n := count(gw.related.dnat_rules)
	lim := limit(object.get(gw, "region", ""))
	p := num.pct(n, lim.value)
	p >= params.threshold_pct
	finding := {
		"resource": gw.id,
		"message": sprintf("NAT gateway %s (%s) has %d DNAT rules, %v%% of the %v allowed", [gw.id, gw.name, n, num.round1(p), lim.value]),
		"evidence": {"dnat_rules": n, "limit": lim.value, "limit_source": lim.source, "pct": num.round1(p)},
	}
}

unknown contains {"resource": gw.id, "reason": "the gateway's DNAT rules were not read (related.dnat_rules)"} if {
	some gw in object.get(input.resources, "vpc.nat_gateway", [])
	not is_array(object.get(gw, ["related", "dnat_rules"], null))
}
