# METADATA
# title: Classic load balancer
# description: >-
#   Classic CLB instances lack layer-7 forwarding rules, rich health checks and newer features,
#   and are being phased out in favour of standard CLB.
# scope: package
# custom:
#   id: TSA-CLB-106
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   remediation: >-
#     Upgrade the classic CLB to a CLB instance (the console offers an in-place upgrade that
#     keeps the VIP) or recreate it as a standard CLB.
#   tam_recommendation: >-
#     Upgrade classic load balancers during a maintenance window; the in-place upgrade keeps the
#     address, so clients need no change.
#   references: []
#   params: {}
#   catalogue: REL-22
package tsa.rules.clb.classic_type

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	lb.data.Forward == 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s) is a classic CLB (Forward 0)", [lb.id, lb.name]),
		"evidence": {"Forward": 0},
	}
}
