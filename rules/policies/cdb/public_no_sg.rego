# METADATA
# title: MySQL public access open without a security-group restriction
# description: >-
#   The instance's public (WAN) address is on and no security group keeps the internet off the
#   database port: walking a bound group's inbound rules as Tencent Cloud does (top to bottom,
#   the first match decides, DROP included), TCP from 0.0.0.0/0 or ::/0 reaches the port, or no
#   group is bound at all. ICMP and UDP rules do not expose MySQL.
# scope: package
# custom:
#   id: TSA-CDB-001
#   pillar: security
#   severity: high
#   resource_types: [cdb.instance]
#   joins: [vpc.security_group]
#   reads: [data.WanStatus, data.Vport, related.security_groups]
#   remediation: >-
#     Turn public access off and connect through the VPC (or a bastion / VPN); if it must stay
#     on, bind a security group that admits only known client CIDRs to the database port.
#   tam_recommendation: >-
#     Keep databases private to the VPC and reach them through a bastion host or private
#     link; a public database endpoint is scanned and brute-forced within minutes.
#   references:
#     - https://www.tencentcloud.com/document/product/236/15875
#     - https://www.tencentcloud.com/document/product/213/12452
#     - https://cloud.tencent.com/document/product/215/20089
#   params: {}
#   catalogue: SEC-15
#   i18n:
#     zh-CN:
#       title: MySQL 开启了外网访问且没有安全组限制
#       description: >-
#         实例开启了外网地址，但没有安全组把公网挡在数据库端口之外：按腾讯云的规则匹配方式（自上而下逐条匹配，
#         命中第一条即生效，拒绝规则同样生效）检查所绑定安全组的入站规则，来自 0.0.0.0/0 或 ::/0 的 TCP 流量可以到达
#         数据库端口，或者实例根本没有绑定安全组。ICMP 和 UDP 规则不会暴露 MySQL。
#       remediation: >-
#         关闭外网访问，改为通过 VPC 内网（或堡垒机、VPN）连接；如必须保留外网访问，请绑定只允许已知客户端网段访问
#         数据库端口的安全组。
#       tam_recommendation: >-
#         数据库应仅在 VPC 内可达，通过堡垒机或私有连接访问；暴露在公网的数据库端口往往几分钟内就会遭到扫描和暴力破解。
package tsa.rules.cdb.public_no_sg

import data.tsa.lib.net
import data.tsa.lib.num

instances := object.get(input.resources, "cdb.instance", [])

# vpc_groups indexes the security groups the VPC collector read, with their resolved templates.
vpc_groups := {sg.id: sg | some sg in object.get(input.resources, "vpc.security_group", [])}

port(db) := num.of(db.data.Vport)

groups(db) := db.related.security_groups if is_array(db.related.security_groups)

# inbound is a bound group's inbound rules in order, normalised for the walk: the VPC view of the
# group when the inventory holds it (its templates resolved), else the rules the database API
# returned (CidrIp, PortRange, IpProtocol, with an address template in AddressModule).
inbound(g) := net.normalised(net.sg_order(vpc_groups[g.SecurityGroupId].related.policies.Ingress)) if {
	is_array(vpc_groups[g.SecurityGroupId].related.policies.Ingress)
} else := net.normalised([policy(r) | some r in g.Inbound]) if is_array(g.Inbound)

# policy reads a database-API rule as a security-group policy.
policy(r) := object.union(base(r), source(r))

base(r) := {k: v |
	some k, f in {"Action": "Action", "Protocol": "IpProtocol", "Port": "PortRange"}
	v := r[f]
}

source(r) := {"AddressTemplate": {"AddressId": r.AddressModule}} if {
	is_string(r.AddressModule)
	r.AddressModule != ""
} else := {"Ipv6CidrBlock": r.CidrIp} if contains(r.CidrIp, ":")

else := {"CidrBlock": r.CidrIp} if is_string(r.CidrIp)

else := {}

walks(db) := [{"SecurityGroupId": g.SecurityGroupId, "reach": net.reach(inbound(g), ["TCP"], [port(db)])} |
	some g in groups(db)
]

open(db) := [{"SecurityGroupId": w.SecurityGroupId, "family": r.family, "policy": net.summary(r.policy)} |
	some w in walks(db)
	some r in w.reach
	r.verdict == "ACCEPT"
]

undecided(db) := [{"SecurityGroupId": w.SecurityGroupId, "policy": net.summary(r.policy)} |
	some w in walks(db)
	some r in w.reach
	r.verdict == "unknown"
]

public(db) if num.of(db.data.WanStatus) == 1

reason(db) := "no security group is bound" if count(groups(db)) == 0

else := sprintf("security group %s admits the internet to TCP port %d", [concat(", ", {r.SecurityGroupId | some r in open(db)}), port(db)]) if count(open(db)) > 0

deny contains finding if {
	some db in instances
	public(db)
	port(db)
	why := reason(db)
	finding := {
		"resource": db.id,
		"message": sprintf("MySQL instance %s (%s) has public access on (%s:%v) and %s", [db.id, db.name, object.get(db.data, "WanDomain", ""), object.get(db.data, "WanPort", ""), why]),
		"evidence": {
			"WanStatus": 1,
			"WanDomain": object.get(db.data, "WanDomain", null),
			"WanPort": object.get(db.data, "WanPort", null),
			"Vport": port(db),
			"security_groups": count(groups(db)),
			"open_rules": open(db),
		},
	}
}

unknown contains {"resource": db.id, "reason": "WanStatus is absent or not a number"} if {
	some db in instances
	not num.of(object.get(db.data, "WanStatus", null))
}

unknown contains {"resource": db.id, "reason": "public access is on and the database port (Vport) is absent"} if {
	some db in instances
	public(db)
	not port(db)
}

unknown contains {"resource": db.id, "reason": "public access is on and the bound security groups were not read (related.security_groups)"} if {
	some db in instances
	public(db)
	not groups(db)
}

unknown contains {"resource": db.id, "reason": sprintf("public access is on and the inbound rules of security group %s were not read", [g.SecurityGroupId])} if {
	some db in instances
	public(db)
	count(open(db)) == 0
	some g in groups(db)
	not inbound(g)
}

unknown contains {"resource": db.id, "reason": sprintf("public access is on and rule %v of security group %s uses a template tsa could not resolve, or cannot be read, before any rule decides", [u.policy, u.SecurityGroupId])} if {
	some db in instances
	public(db)
	count(open(db)) == 0
	u := undecided(db)[0]
}
