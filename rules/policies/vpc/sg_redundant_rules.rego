# METADATA
# title: Security group with duplicate or shadowed rules
# description: >-
#   Duplicate rules, and rules already covered by an all-ports rule for the same source and
#   action, do nothing but use up the group's rule quota and hide what the group really allows.
# scope: package
# custom:
#   id: TSA-VPC-104
#   pillar: reliability
#   severity: medium
#   resource_types: [vpc.security_group]
#   reads: [related.policies]
#   remediation: >-
#     Delete the duplicate and shadowed rules (keep the broader rule only if it is intended),
#     and use parameter templates for repeated address or port lists.
#   tam_recommendation: >-
#     Review security groups as code and lint them for duplicates, so rule quotas stay free and
#     every rule has a reason.
#   references:
#     - https://www.tencentcloud.com/document/product/213/12452
#     - https://cloud.tencent.com/document/product/215/20089
#   params: {}
#   catalogue: REL-29
#   i18n:
#     zh-CN:
#       title: 安全组存在重复或被覆盖的规则
#       description: >-
#         重复的规则，以及已被相同来源、相同策略的全端口规则覆盖的规则，不起任何作用，只会占用安全组的规则配额，并掩盖安全组实际放通的内容。
#       remediation: >-
#         删除重复和被覆盖的规则（仅在确有需要时保留范围更大的规则），对重复出现的地址或端口列表使用参数模板。
#       tam_recommendation: >-
#         以代码方式管理安全组并检查重复规则，使规则配额保持充裕，每条规则都有明确的用途。
package tsa.rules.vpc.sg_redundant_rules

import data.tsa.lib.fields
import data.tsa.lib.net

directions := ["Ingress", "Egress"]

# peer names the other side of a rule: an address, a security group or an address template.
peer(p) := json.marshal([
	fields.str(p, "CidrBlock"),
	fields.str(p, "Ipv6CidrBlock"),
	fields.str(p, "SecurityGroupId"),
	object.get(p, "AddressTemplate", null),
])

templated(p) if fields.str(object.get(p, "ServiceTemplate", {}), "ServiceId") != ""

templated(p) if fields.str(object.get(p, "ServiceTemplate", {}), "ServiceGroupId") != ""

entries(sg, dir) := [{"i": i, "p": p, "peer": peer(p), "action": upper(fields.str(p, "Action")), "protocol": upper(fields.str(p, "Protocol")), "port": lower(trim_space(fields.str(p, "Port"))), "service": object.get(p, "ServiceTemplate", null)} |
	some i, p in fields.list(sg.related.policies, dir)
	is_object(p)
]

label(dir, e) := sprintf("%s rule %v", [dir, object.get(e.p, "PolicyIndex", e.i)])

# duplicate: a later rule with the same protocol, ports, peer and action as an earlier one.
duplicates(sg, dir) := [sprintf("%s duplicates %s", [label(dir, b), label(dir, a)]) |
	es := entries(sg, dir)
	some a in es
	some b in es
	a.i < b.i
	[a.protocol, a.port, a.peer, a.action, a.service] == [b.protocol, b.port, b.peer, b.action, b.service]
]

# shadowed: a rule for specific ports that an earlier all-ports rule with the same peer and
# action (same protocol or ALL) already covers.
shadowed(sg, dir) := [sprintf("%s is covered by %s", [label(dir, b), label(dir, a)]) |
	es := entries(sg, dir)
	some a in es
	some b in es
	a.i < b.i
	not templated(a.p)
	not templated(b.p)
	net.all_ports(a.port)
	a.protocol in {"ALL", b.protocol}
	not net.all_ports(b.port)
	[a.peer, a.action] == [b.peer, b.action]
]

problems(sg) := {p |
	some dir in directions
	some p in array.concat(duplicates(sg, dir), shadowed(sg, dir))
}

deny contains finding if {
	some sg in input.resources["vpc.security_group"]
	ps := problems(sg)
	count(ps) > 0
	finding := {
		"resource": sg.id,
		"message": sprintf("security group %s (%s) has %d redundant rules: %s", [sg.id, sg.name, count(ps), concat("; ", sort(ps))]),
		"evidence": {"redundant": ps},
	}
}

unknown contains {"resource": sg.id, "reason": "the security group's policies were not read (related.policies)"} if {
	some sg in object.get(input.resources, "vpc.security_group", [])
	not is_object(object.get(sg, ["related", "policies"], null))
}
