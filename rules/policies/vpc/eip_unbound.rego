# METADATA
# title: Unbound EIP
# description: >-
#   An elastic IP bound to nothing (or only to a detached network interface) is billed for
#   idle time and serves no traffic.
# scope: package
# custom:
#   id: TSA-VPC-301
#   pillar: cost
#   severity: medium
#   resource_types: [vpc.address]
#   remediation: >-
#     Bind the EIP to the instance that needs it, or release it if it is no longer used.
#   tam_recommendation: >-
#     Release EIPs nobody claims, and reserve addresses only when clients whitelist them.
#   references: []
#   params:
#     idle_statuses: [UNBIND, BIND_ENI]
#   catalogue: COST-06
package tsa.rules.vpc.eip_unbound

import data.tsa.lib.fields

params := input.params["TSA-VPC-301"]

deny contains finding if {
	some a in input.resources["vpc.address"]
	status := fields.str(a.data, "AddressStatus")
	status in {s | some s in params.idle_statuses}
	finding := {
		"resource": a.id,
		"message": sprintf("EIP %s (%s) is not bound to an instance (%s)", [a.id, fields.str(a.data, "AddressIp"), status]),
		"evidence": {"AddressStatus": status, "InstanceId": object.get(a.data, "InstanceId", null)},
	}
}
