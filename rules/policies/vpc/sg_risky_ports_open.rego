# METADATA
# title: Security group opens admin or database ports to the internet
# description: >-
#   An inbound ACCEPT policy from 0.0.0.0/0 or ::/0 covers a remote-administration or database
#   port (SSH, RDP, FTP, SQL Server, MySQL, PostgreSQL, Redis, MongoDB…), the first thing
#   internet-wide scanners try.
# scope: package
# custom:
#   id: TSA-VPC-001
#   pillar: security
#   severity: high
#   resource_types: [vpc.security_group]
#   remediation: >-
#     Replace the 0.0.0.0/0 (or ::/0) source with your office or bastion CIDR, or reach the
#     hosts through a bastion host or VPN; keep database ports private to the VPC.
#   tam_recommendation: >-
#     Close internet access to management and database ports and move operations to a bastion
#     host with audit; we can review the security-group layout with your team.
#   references:
#     - https://www.tencentcloud.com/document/product/213/34601
#   params:
#     ports: [20, 21, 22, 1433, 1434, 3306, 3389, 4333, 5432, 5500, 6379, 27017]
#   catalogue: SEC-01
package tsa.rules.vpc.sg_risky_ports_open

import data.tsa.lib.net

params := input.params["TSA-VPC-001"]

# exposures lists, per ingress policy open to the world, the risky ports it covers.
exposures(sg) := [e |
	some p in sg.related.policies.Ingress
	upper(p.Action) == "ACCEPT"
	net.world_open(p)
	net.carries_ports(p)
	ports := net.covered(net.port_ranges(p.Port), params.ports)
	count(ports) > 0
	e := {
		"PolicyIndex": object.get(p, "PolicyIndex", null),
		"Protocol": p.Protocol,
		"Port": p.Port,
		"Source": net.world_source(p),
		"risky_ports": ports,
	}
]

deny contains finding if {
	some sg in input.resources["vpc.security_group"]
	es := exposures(sg)
	count(es) > 0
	ports := sort({port | some e in es; some port in e.risky_ports})
	finding := {
		"resource": sg.id,
		"message": sprintf("security group %s (%s) allows the internet to port %s", [sg.id, sg.name, concat(", ", [format_int(p, 10) | some p in ports])]),
		"evidence": {"policies": es},
	}
}
