# METADATA
# title: Network ACL lets the internet in on all or non-web ports
# description: >-
#   An inbound ACCEPT entry of a network ACL from 0.0.0.0/0 or ::/0 covers every port, or a
#   port other than the web ports (80 and 443), so every subnet bound to the ACL is reachable
#   from the whole internet wherever its security groups allow.
# scope: package
# custom:
#   id: TSA-VPC-003
#   pillar: security
#   severity: high
#   resource_types: [vpc.network_acl]
#   remediation: >-
#     Narrow the ACL's inbound entries to the ports the subnet serves (usually 80 and 443)
#     and to known source CIDRs, and end the list with a DROP for everything else.
#   tam_recommendation: >-
#     Use network ACLs as a coarse subnet boundary that only admits web traffic from the
#     internet, with security groups doing per-instance control behind it.
#   references: []
#   params:
#     allowed_ports: [80, 443]
#   catalogue: SEC-03
package tsa.rules.vpc.acl_world_open

import data.tsa.lib.net

params := input.params["TSA-VPC-003"]

# open_entries are the inbound entries that admit the internet beyond the allowed ports.
open_entries(acl) := [e |
	some e in object.get(acl.data, "IngressEntries", [])
	is_string(e.Action)
	upper(e.Action) == "ACCEPT"
	net.world_open(e)
	is_string(e.Protocol)
	net.carries_ports(e)
	port := object.get(e, "Port", "")
	not net.only_ports(port, {p | some p in params.allowed_ports})
]

deny contains finding if {
	some acl in input.resources["vpc.network_acl"]
	es := open_entries(acl)
	count(es) > 0
	finding := {
		"resource": acl.id,
		"message": sprintf("network ACL %s (%s) allows the internet in on %s", [acl.id, acl.name, describe(es)]),
		"evidence": {"IngressEntries": [{
			"Protocol": e.Protocol,
			"Port": object.get(e, "Port", null),
			"Source": net.world_source(e),
			"Action": e.Action,
			"Priority": object.get(e, "Priority", null),
		} |
			some e in es
		]},
	}
}

describe(es) := "all ports" if {
	some e in es
	net.all_ports(object.get(e, "Port", ""))
} else := sprintf("port %s", [concat(", ", {e.Port | some e in es})])
