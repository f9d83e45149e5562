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
#   remediation: >-
#     Merge overlapping security groups, replace lists of addresses and ports with parameter
#     templates, and delete rules nobody uses.
#   tam_recommendation: >-
#     Bind each instance to one or two role-based security groups and manage address lists as
#     parameter templates rather than individual rules.
#   references:
#     - https://www.tencentcloud.com/document/product/213/12453
#   params:
#     max_rules: 100
#   catalogue: PERF-11
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
