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
#   resource_types: [vpc.security_group, vpc.security_group_limits]
#   remediation: >-
#     Merge rules with address and port templates (parameter templates), remove redundant or
#     unused rules, or split the group by role.
#   tam_recommendation: >-
#     Use parameter templates and reference security groups instead of long CIDR lists, and
#     review groups with many rules each quarter.
#   references:
#     - https://cloud.tencent.com/document/api/215/41428
#   params:
#     threshold_pct: 80
#   catalogue: LIM-06
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
