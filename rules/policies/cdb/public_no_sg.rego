# METADATA
# title: MySQL public access open without a security-group restriction
# description: >-
#   The instance's public (WAN) address is on and no security group restricts who reaches the
#   database port: a bound group admits 0.0.0.0/0 (or ::/0), or no group is bound at all.
# scope: package
# custom:
#   id: TSA-CDB-001
#   pillar: security
#   severity: high
#   resource_types: [cdb.instance]
#   remediation: >-
#     Turn public access off and connect through the VPC (or a bastion / VPN); if it must stay
#     on, bind a security group that admits only known client CIDRs to the database port.
#   tam_recommendation: >-
#     Keep databases private to the VPC and reach them through a bastion host or private
#     link; a public database endpoint is scanned and brute-forced within minutes.
#   references: []
#   params: {}
#   catalogue: SEC-15
package tsa.rules.cdb.public_no_sg

import data.tsa.lib.net
import data.tsa.lib.num

port(db) := p if {
	p := num.of(db.data.Vport)
} else := 3306

# open_rules are the inbound ACCEPT rules from anywhere that cover the database port.
open_rules(db) := [{"SecurityGroupId": sg.SecurityGroupId, "CidrIp": r.CidrIp, "PortRange": object.get(r, "PortRange", null), "IpProtocol": object.get(r, "IpProtocol", null)} |
	some sg in db.related.security_groups
	some r in object.get(sg, "Inbound", [])
	is_string(r.Action)
	upper(r.Action) == "ACCEPT"
	r.CidrIp in {"0.0.0.0/0", "::/0"}
	spec := object.get(r, "PortRange", "ALL")
	is_string(spec)
	net.covers(spec, port(db))
]

reason(db) := "no security group is bound" if count(db.related.security_groups) == 0

else := sprintf("security group %s admits %s to port %d", [
	concat(", ", {r.SecurityGroupId | some r in open_rules(db)}),
	concat(", ", {r.CidrIp | some r in open_rules(db)}),
	port(db),
]) if count(open_rules(db)) > 0

deny contains finding if {
	some db in input.resources["cdb.instance"]
	num.of(db.data.WanStatus) == 1
	is_array(db.related.security_groups)
	why := reason(db)
	finding := {
		"resource": db.id,
		"message": sprintf("MySQL instance %s (%s) has public access on (%s:%v) and %s", [db.id, db.name, object.get(db.data, "WanDomain", ""), object.get(db.data, "WanPort", ""), why]),
		"evidence": {
			"WanStatus": 1,
			"WanDomain": object.get(db.data, "WanDomain", null),
			"WanPort": object.get(db.data, "WanPort", null),
			"security_groups": count(db.related.security_groups),
			"open_rules": open_rules(db),
		},
	}
}
