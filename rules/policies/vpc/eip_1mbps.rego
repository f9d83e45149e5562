# METADATA
# title: Bound EIP capped at 1 Mbps
# description: >-
#   1 Mbps is the smallest EIP bandwidth and often a forgotten default; a bound EIP left there
#   saturates with any real traffic and requests time out.
# scope: package
# custom:
#   id: TSA-VPC-101
#   pillar: reliability
#   severity: medium
#   resource_types: [vpc.address]
#   remediation: >-
#     Raise the EIP's bandwidth cap (Adjust bandwidth) to the peak the service needs, or add it
#     to a bandwidth package.
#   tam_recommendation: >-
#     Check the bandwidth of every public address before launch and alarm on outbound bandwidth
#     near the cap.
#   references: []
#   params:
#     max_mbps: 1
#   catalogue: REL-23
package tsa.rules.vpc.eip_1mbps

import data.tsa.lib.fields

params := input.params["TSA-VPC-101"]

deny contains finding if {
	some a in input.resources["vpc.address"]
	a.data.AddressStatus == "BIND"
	bw := a.data.Bandwidth
	is_number(bw)
	bw > 0
	bw <= params.max_mbps
	finding := {
		"resource": a.id,
		"message": sprintf("EIP %s (%s) bound to %s is capped at %v Mbps", [a.id, fields.str(a.data, "AddressIp"), fields.str(a.data, "InstanceId"), bw]),
		"evidence": {"Bandwidth": bw, "AddressStatus": "BIND", "InstanceId": fields.str(a.data, "InstanceId")},
	}
}
