# METADATA
# title: Security group opens all ports or non-web ports to the internet
# description: >-
#   Walking the group's inbound policies as Tencent Cloud does (top to bottom, the first match
#   decides, DROP included), traffic from 0.0.0.0/0 or ::/0 reaches every TCP or UDP port, or a
#   port other than the web ports (80 and 443).
# scope: package
# custom:
#   id: TSA-VPC-002
#   pillar: security
#   severity: medium
#   resource_types: [vpc.security_group]
#   reads: [related.policies]
#   remediation: >-
#     Limit internet-facing policies to the ports the service needs (usually 80 and 443) and
#     restrict every other port to known source CIDRs or security groups.
#   tam_recommendation: >-
#     Put internet-facing services behind CLB and open only 80/443 to the world; keep
#     instance security groups reachable from the load balancer only.
#   references:
#     - https://www.tencentcloud.com/document/product/213/12452
#     - https://cloud.tencent.com/document/product/215/20089
#   params:
#     allowed_ports: [80, 443]
#   catalogue: SEC-02
#   i18n:
#     zh-CN:
#       title: 安全组向公网开放全部端口或非 Web 端口
#       description: >-
#         按腾讯云的规则匹配方式（自上而下逐条匹配，命中第一条即生效，拒绝规则同样生效）检查安全组入站规则，
#         来自 0.0.0.0/0 或 ::/0 的流量可以到达全部 TCP/UDP 端口，或 Web 端口（80、443）以外的端口。
#       remediation: >-
#         面向公网的规则只放通业务需要的端口（通常为 80 和 443），其他端口仅对已知的来源网段或安全组开放。
#       tam_recommendation: >-
#         将面向公网的服务置于负载均衡（CLB）之后，只对公网开放 80/443；实例所在安全组仅允许来自负载均衡的访问。
package tsa.rules.vpc.sg_world_open_nonweb

import data.tsa.lib.net

params := input.params["TSA-VPC-002"]

groups := object.get(input.resources, "vpc.security_group", [])

ingress(sg) := net.normalised(net.sg_order(sg.related.policies.Ingress)) if is_array(sg.related.policies.Ingress)

allowed := {p | some p in params.allowed_ports}

walked(sg) := net.intervals(ingress(sg), params.allowed_ports)

# reached are the port intervals the internet reaches, less the allowed web ports.
reached(sg) := [iv |
	some iv in walked(sg)
	not web_only(iv)
]

web_only(iv) if {
	iv.low == iv.high
	iv.low in allowed
}

open(sg) := [iv | some iv in reached(sg); iv.verdict == "ACCEPT"]

# every_port is true when the internet reaches every TCP port of one address family.
every_port(sg) if {
	some family in net.families
	sum([n | some x in walked(sg); x.verdict == "ACCEPT"; x.protocol == "TCP"; x.family == family; n := (x.high - x.low) + 1]) == 65535
}

deny contains finding if {
	some sg in groups
	ivs := open(sg)
	count(ivs) > 0
	finding := {
		"resource": sg.id,
		"severity": severity(sg),
		"message": sprintf("security group %s (%s) allows the internet to %s", [sg.id, sg.name, describe(sg, ivs)]),
		"evidence": {"open": [{"protocol": iv.protocol, "family": iv.family, "ports": span(iv), "policy": net.summary(iv.policy)} | some iv in ivs]},
	}
}

unknown contains {"resource": sg.id, "reason": "the security group's inbound policies were not read (related.policies.Ingress absent)"} if {
	some sg in groups
	not ingress(sg)
}

unknown contains {"resource": sg.id, "reason": sprintf("%s port %s: policy %v uses a template tsa could not resolve, or cannot be read, before any policy decides", [iv.protocol, span(iv), net.summary(iv.policy)])} if {
	some sg in groups
	count(open(sg)) == 0
	iv := [x | some x in reached(sg); x.verdict == "unknown"][0]
}

span(iv) := format_int(iv.low, 10) if iv.low == iv.high

else := sprintf("%d-%d", [iv.low, iv.high])

severity(sg) := "high" if every_port(sg)

else := "medium"

describe(sg, ivs) := "all ports" if every_port(sg)

else := sprintf("port %s", [concat(", ", sort({sprintf("%s %s", [iv.protocol, span(iv)]) | some iv in ivs}))])
