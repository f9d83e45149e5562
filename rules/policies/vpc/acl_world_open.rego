# METADATA
# title: Network ACL lets the internet in on all or non-web ports
# description: >-
#   Walking the ACL's inbound entries as Tencent Cloud does (by priority, the first match
#   decides, DROP included, and everything else is dropped), traffic from 0.0.0.0/0 or ::/0
#   reaches every TCP or UDP port, or a port other than the web ports (80 and 443), so every
#   subnet bound to the ACL is reachable from the whole internet wherever its security groups
#   allow.
# scope: package
# custom:
#   id: TSA-VPC-003
#   pillar: security
#   severity: high
#   resource_types: [vpc.network_acl]
#   reads: [data.IngressEntries]
#   remediation: >-
#     Narrow the ACL's inbound entries to the ports the subnet serves (usually 80 and 443)
#     and to known source CIDRs; a DROP must come before (a lower priority number than) the
#     ACCEPT it is meant to override.
#   tam_recommendation: >-
#     Use network ACLs as a coarse subnet boundary that only admits web traffic from the
#     internet, with security groups doing per-instance control behind it.
#   references:
#     - https://www.tencentcloud.com/document/product/215/31850
#     - https://cloud.tencent.com/document/product/215/31850
#   params:
#     allowed_ports: [80, 443]
#   catalogue: SEC-03
#   i18n:
#     zh-CN:
#       title: 网络 ACL 向公网放通全部端口或非 Web 端口
#       description: >-
#         按腾讯云的规则匹配方式（按优先级逐条匹配，命中第一条即生效，拒绝规则同样生效，未命中的流量被默认规则拒绝）
#         检查网络 ACL 入站规则，来自 0.0.0.0/0 或 ::/0 的流量可以到达全部 TCP/UDP 端口或 Web 端口（80、443）
#         以外的端口，绑定该 ACL 的所有子网只要安全组放通，就会暴露在整个公网上。
#       remediation: >-
#         将 ACL 入站规则收窄到子网实际提供服务的端口（通常为 80 和 443）和已知来源网段；拒绝规则的优先级必须高于
#         （数字小于）它要覆盖的放通规则。
#       tam_recommendation: >-
#         将网络 ACL 作为子网级的粗粒度边界，只允许公网的 Web 流量进入，由安全组在其后做实例级的精细控制。
package tsa.rules.vpc.acl_world_open

import data.tsa.lib.net

params := input.params["TSA-VPC-003"]

acls := object.get(input.resources, "vpc.network_acl", [])

allowed := {p | some p in params.allowed_ports}

entries(acl) := net.normalised(net.acl_order(acl.data.IngressEntries)) if is_array(acl.data.IngressEntries)

walked(acl) := net.intervals(entries(acl), params.allowed_ports)

reached(acl) := [iv |
	some iv in walked(acl)
	not web_only(iv)
]

web_only(iv) if {
	iv.low == iv.high
	iv.low in allowed
}

open(acl) := [iv | some iv in reached(acl); iv.verdict == "ACCEPT"]

# every_port is true when the internet reaches every TCP port of one address family.
every_port(acl) if {
	some family in net.families
	sum([n | some x in walked(acl); x.verdict == "ACCEPT"; x.protocol == "TCP"; x.family == family; n := (x.high - x.low) + 1]) == 65535
}

deny contains finding if {
	some acl in acls
	ivs := open(acl)
	count(ivs) > 0
	finding := {
		"resource": acl.id,
		"message": sprintf("network ACL %s (%s) allows the internet in on %s", [acl.id, acl.name, describe(acl, ivs)]),
		"evidence": {"open": [{"protocol": iv.protocol, "family": iv.family, "ports": span(iv), "entry": net.summary(iv.policy)} | some iv in ivs]},
	}
}

unknown contains {"resource": acl.id, "reason": "the ACL's inbound entries are absent (data.IngressEntries)"} if {
	some acl in acls
	not entries(acl)
}

unknown contains {"resource": acl.id, "reason": sprintf("%s port %s: entry %v cannot be read (action, protocol or port) before any entry decides", [iv.protocol, span(iv), net.summary(iv.policy)])} if {
	some acl in acls
	count(open(acl)) == 0
	iv := [x | some x in reached(acl); x.verdict == "unknown"][0]
}

span(iv) := format_int(iv.low, 10) if iv.low == iv.high

else := sprintf("%d-%d", [iv.low, iv.high])

describe(acl, ivs) := "all ports" if every_port(acl)

else := sprintf("port %s", [concat(", ", sort({sprintf("%s %s", [iv.protocol, span(iv)]) | some iv in ivs}))])
