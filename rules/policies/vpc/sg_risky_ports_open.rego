# METADATA
# title: Security group opens admin or database ports to the internet
# description: >-
#   Walking the group's inbound policies as Tencent Cloud does (top to bottom, the first match
#   decides, DROP included), traffic from 0.0.0.0/0 or ::/0 reaches a remote-administration or
#   database port (SSH, RDP, FTP, SQL Server, MySQL, PostgreSQL, Redis, MongoDB…), the first
#   thing internet-wide scanners try.
# scope: package
# custom:
#   id: TSA-VPC-001
#   pillar: security
#   severity: high
#   resource_types: [vpc.security_group]
#   reads: [related.policies]
#   remediation: >-
#     Replace the 0.0.0.0/0 (or ::/0) source with your office or bastion CIDR, or put a DROP for
#     these ports above the ACCEPT; reach the hosts through a bastion host or VPN and keep
#     database ports private to the VPC.
#   tam_recommendation: >-
#     Close internet access to management and database ports and move operations to a bastion
#     host with audit; we can review the security-group layout with your team.
#   references:
#     - https://www.tencentcloud.com/document/product/213/12452
#     - https://cloud.tencent.com/document/product/215/20089
#     - https://www.tencentcloud.com/document/product/213/34272
#   params:
#     ports: [20, 21, 22, 1433, 1434, 3306, 3389, 4333, 5432, 5500, 6379, 27017]
#   catalogue: SEC-01
#   i18n:
#     zh-CN:
#       title: 安全组向公网开放远程管理或数据库端口
#       description: >-
#         按腾讯云的规则匹配方式（自上而下逐条匹配，命中第一条即生效，拒绝规则同样生效）检查安全组入站规则，
#         来自 0.0.0.0/0 或 ::/0 的流量可以到达远程管理或数据库端口（SSH、RDP、FTP、SQL Server、MySQL、
#         PostgreSQL、Redis、MongoDB 等），这些端口正是全网扫描器最先探测的目标。
#       remediation: >-
#         将来源 0.0.0.0/0（或 ::/0）改为办公网或堡垒机的网段，或在放通规则之上为这些端口添加拒绝规则；
#         通过堡垒机或 VPN 访问主机，数据库端口仅在 VPC 内开放。
#       tam_recommendation: >-
#         关闭管理端口和数据库端口的公网访问，运维操作统一经由带审计的堡垒机进行；我们可以与您的团队一起梳理安全组规划。
package tsa.rules.vpc.sg_risky_ports_open

import data.tsa.lib.net

params := input.params["TSA-VPC-001"]

groups := object.get(input.resources, "vpc.security_group", [])

# ingress is a group's inbound policies in Tencent's order, normalised for the walk; undefined
# when the policies were not read or the API sent no inbound list.
ingress(sg) := net.normalised(net.sg_order(sg.related.policies.Ingress)) if is_array(sg.related.policies.Ingress)

reached(sg) := net.reach(ingress(sg), ["TCP", "UDP"], params.ports)

open(sg) := [r | some r in reached(sg); r.verdict == "ACCEPT"]

undecided(sg) := [r | some r in reached(sg); r.verdict == "unknown"]

deny contains finding if {
	some sg in groups
	rs := open(sg)
	count(rs) > 0
	ports := sort({r.port | some r in rs})
	finding := {
		"resource": sg.id,
		"message": sprintf("security group %s (%s) allows the internet to port %s", [sg.id, sg.name, concat(", ", [format_int(p, 10) | some p in ports])]),
		"evidence": {"open": [{"port": r.port, "protocol": r.protocol, "family": r.family, "policy": net.summary(r.policy)} | some r in rs]},
	}
}

unknown contains {"resource": sg.id, "reason": "the security group's inbound policies were not read (related.policies.Ingress absent)"} if {
	some sg in groups
	not ingress(sg)
}

unknown contains {"resource": sg.id, "reason": sprintf("port %d: policy %v uses a template tsa could not resolve, or cannot be read, before any policy decides", [r.port, net.summary(r.policy)])} if {
	some sg in groups
	count(open(sg)) == 0
	r := undecided(sg)[0]
}
