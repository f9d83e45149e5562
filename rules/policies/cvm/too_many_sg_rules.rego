# METADATA
# title: Too many security group rules apply to one instance
# description: >-
#   Every rule of every security group bound to an instance is evaluated for its traffic; past
#   about a hundred rules they are hard to audit and network performance can suffer.
# scope: package
# custom:
#   id: TSA-CVM-403
#   pillar: performance
#   severity: medium
#   resource_types: [cvm.instance]
#   joins: [vpc.security_group]
#   reads: [data.SecurityGroupIds]
#   remediation: >-
#     Merge overlapping security groups, replace lists of addresses and ports with parameter
#     templates, and delete rules nobody uses.
#   tam_recommendation: >-
#     Bind each instance to one or two role-based security groups and manage address lists as
#     parameter templates rather than individual rules.
#   references:
#     - https://www.tencentcloud.com/document/product/213/12453
#     - https://cloud.tencent.com/document/product/215/20089
#     - https://cloud.tencent.com/document/api/215/15808
#     - https://www.tencentcloud.com/document/api/215/15808
#   params:
#     max_rules: 100
#   catalogue: PERF-11
#   i18n:
#     zh-CN:
#       title: 作用于单个实例的安全组规则过多
#       description: >-
#         实例绑定的每个安全组的每条规则都会参与该实例流量的匹配；规则超过一百条左右后难以审计，网络性能也可能受到影响。
#       remediation: >-
#         合并重叠的安全组，用参数模板代替地址和端口列表，删除无人使用的规则。
#       tam_recommendation: >-
#         每个实例只绑定一到两个按角色划分的安全组，地址列表用参数模板管理，而不是逐条写成规则。
package tsa.rules.cvm.too_many_sg_rules

import data.tsa.lib.fields

params := input.params["TSA-CVM-403"]

groups := object.get(input.resources, "vpc.security_group", [])

# rules_in is the number of inbound and outbound rules of a group whose policies were read.
rules_in(sg) := count(fields.list(sg.related.policies, "Ingress")) + count(fields.list(sg.related.policies, "Egress"))

# rule_counts maps a group id to its rule count (grouped, so a duplicate never conflicts).
rule_counts := {id: ns |
	some sg in groups
	id := sg.id
	ns := [n | some g in groups; g.id == id; n := rules_in(g)]
}

per_group(i) := {id: rule_counts[id][0] | some id in fields.list(i.data, "SecurityGroupIds"); rule_counts[id][0]}

deny contains finding if {
	some i in input.resources["cvm.instance"]
	counts := per_group(i)
	total := sum([n | some n in counts])
	total > params.max_rules
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s): %d security group rules apply to it across %d groups (limit %d)", [i.id, i.name, total, count(counts), params.max_rules]),
		"evidence": {"rules": total, "rules_by_group": counts, "SecurityGroupIds": fields.list(i.data, "SecurityGroupIds")},
	}
}

unknown contains {"resource": i.id, "reason": "SecurityGroupIds is absent or null"} if {
	some i in object.get(input.resources, "cvm.instance", [])
	not is_array(object.get(i.data, "SecurityGroupIds", null))
}

unknown contains {"resource": i.id, "reason": sprintf("security group %s is not in the inventory or its policies were not read", [concat(", ", missing)])} if {
	some i in object.get(input.resources, "cvm.instance", [])
	missing := [id | some id in fields.list(i.data, "SecurityGroupIds"); not readable_group(id)]
	count(missing) > 0
}

readable_group(id) if {
	some sg in groups
	sg.id == id
	is_object(object.get(sg, ["related", "policies"], null))
}
