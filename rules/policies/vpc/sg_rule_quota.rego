# METADATA
# title: Security group rules near the per-group limit
# description: >-
#   A security group's inbound or outbound policies reach 80 % of the per-group rule limit
#   (DescribeSecurityGroupLimits SecurityGroupPolicyLimit, per direction), so urgent changes
#   may not fit and the group is hard to review.
# scope: package
# custom:
#   id: TSA-VPC-204
#   pillar: service_limits
#   severity: medium
#   resource_types: [vpc.security_group]
#   joins: [vpc.security_group_limits]
#   reads: [related.policies]
#   remediation: >-
#     Merge rules with address and port templates (parameter templates), remove redundant or
#     unused rules, or split the group by role.
#   tam_recommendation: >-
#     Use parameter templates and reference security groups instead of long CIDR lists, and
#     review groups with many rules each quarter.
#   references:
#     - https://cloud.tencent.com/document/api/215/41428
#     - https://cloud.tencent.com/document/api/215/15808
#     - https://www.tencentcloud.com/document/api/215/15808
#   params:
#     threshold_pct: 80
#   catalogue: LIM-06
#   i18n:
#     zh-CN:
#       title: 安全组规则数接近单组上限
#       description: >-
#         安全组的入站或出站规则数已达到单个安全组规则上限的 80%，很快将无法再添加规则，紧急变更时只能临时拼凑。
#       remediation: >-
#         使用参数模板（IP 地址模板、协议端口模板）合并规则，删除冗余或不再使用的规则，或按角色拆分安全组。
#       tam_recommendation: >-
#         使用参数模板和引用安全组代替冗长的网段列表，并每季度复核规则较多的安全组。
package tsa.rules.vpc.sg_rule_quota

import data.tsa.lib.num

params := input.params["TSA-VPC-204"]

# policy_limit is the region's SecurityGroupPolicyLimit (data is the SecurityGroupLimitSet,
# or the response wrapping it).
policy_limit(region) := l if {
	some r in input.resources["vpc.security_group_limits"]
	r.region == region
	l := num.of(object.get(r.data, "SecurityGroupLimitSet", r.data).SecurityGroupPolicyLimit)
}

tight(sg, limit) := [{"direction": dir, "rules": n, "limit": limit, "pct": num.round1(p)} |
	some dir in ["Ingress", "Egress"]
	n := count([x | some x in object.get(sg.related.policies, dir, [])])
	p := num.pct(n, limit)
	p >= params.threshold_pct
]

deny contains finding if {
	some sg in input.resources["vpc.security_group"]
	is_object(sg.related.policies)
	limit := policy_limit(sg.region)
	ts := tight(sg, limit)
	count(ts) > 0
	finding := {
		"resource": sg.id,
		"message": sprintf("security group %s (%s) is near its rule limit: %s", [sg.id, sg.name, concat("; ", [sprintf("%s %d of %v", [t.direction, t.rules, t.limit]) | some t in ts])]),
		"evidence": {"directions": ts},
	}
}

unknown contains {"resource": sg.id, "reason": "the security group's policies were not read (related.policies)"} if {
	some sg in object.get(input.resources, "vpc.security_group", [])
	not is_object(object.get(sg, ["related", "policies"], null))
}

unknown contains {"resource": sg.id, "reason": sprintf("no security-group rule limit (SecurityGroupPolicyLimit) for %s is in the inventory", [sg.region])} if {
	some sg in object.get(input.resources, "vpc.security_group", [])
	not policy_limit(sg.region)
}
