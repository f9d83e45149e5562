# METADATA
# title: Elastic IP blocked (blackholed) by Anti-DDoS
# description: >-
#   An EIP under attack beyond the free protection threshold is blackholed: all traffic to it
#   is dropped until the block is lifted, so the service behind it is unreachable.
# scope: package
# custom:
#   id: TSA-VPC-004
#   pillar: security
#   severity: high
#   resource_types: [vpc.address]
#   remediation: >-
#     Check the blocking in the Anti-DDoS console and request unblocking; move the service
#     behind Anti-DDoS Pro/Advanced or a CLB with protection if attacks repeat.
#   tam_recommendation: >-
#     Put internet-facing services that have been attacked behind Anti-DDoS Pro and plan a
#     standby address so a blackhole does not stop the business.
#   references: []
#   params: {}
#   catalogue: SEC-22
package tsa.rules.vpc.eip_blocked

deny contains finding if {
	some eip in input.resources["vpc.address"]
	eip.data.IsBlocked == true
	finding := {
		"resource": eip.id,
		"message": sprintf("EIP %s (%s) is blocked (blackholed)%s", [eip.id, object.get(eip.data, "AddressIp", ""), bound(eip.data)]),
		"evidence": {
			"IsBlocked": true,
			"AddressIp": object.get(eip.data, "AddressIp", null),
			"InstanceId": object.get(eip.data, "InstanceId", null),
		},
	}
}

bound(d) := sprintf("; it serves %s", [d.InstanceId]) if {
	is_string(d.InstanceId)
	d.InstanceId != ""
} else := ""
