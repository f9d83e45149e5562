# METADATA
# title: Security group opens all ports or non-web ports to the internet
# description: >-
#   An inbound ACCEPT policy from 0.0.0.0/0 or ::/0 opens every port, or a port other than
#   the web ports (80 and 443), to the whole internet.
# scope: package
# custom:
#   id: TSA-VPC-002
#   pillar: security
#   severity: medium
#   resource_types: [vpc.security_group]
#   remediation: >-
#     Limit internet-facing policies to the ports the service needs (usually 80 and 443) and
#     restrict every other port to known source CIDRs or security groups.
#   tam_recommendation: >-
#     Put internet-facing services behind CLB and open only 80/443 to the world; keep
#     instance security groups reachable from the load balancer only.
#   references:
#     - https://www.tencentcloud.com/document/product/215/38750
#   params:
#     allowed_ports: [80, 443]
#   catalogue: SEC-02
package tsa.rules.vpc.sg_world_open_nonweb

import data.tsa.lib.net

params := input.params["TSA-VPC-002"]

open_policies(sg) := [p |
	some p in sg.related.policies.Ingress
	upper(p.Action) == "ACCEPT"
	net.world_open(p)
	net.carries_ports(p)
	not net.only_ports(p.Port, {x | some x in params.allowed_ports})
]

all_open(policies) if {
	some p in policies
	net.all_ports(p.Port)
}

deny contains finding if {
	some sg in input.resources["vpc.security_group"]
	ps := open_policies(sg)
	count(ps) > 0
	finding := {
		"resource": sg.id,
		"severity": severity(ps),
		"message": sprintf("security group %s (%s) allows the internet to %s", [sg.id, sg.name, describe(ps)]),
		"evidence": {"policies": [{"PolicyIndex": object.get(p, "PolicyIndex", null), "Protocol": p.Protocol, "Port": p.Port, "Source": net.world_source(p)} | some p in ps]},
	}
}

severity(ps) := "high" if all_open(ps)

else := "medium"

describe(ps) := "all ports" if all_open(ps)

else := sprintf("port %s", [concat(", ", {p.Port | some p in ps})])
