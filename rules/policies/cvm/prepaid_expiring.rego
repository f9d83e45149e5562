# METADATA
# title: Prepaid instance expiring soon without auto-renewal
# description: >-
#   A monthly-subscription instance that is not set to renew automatically is shut down and
#   later released when it expires.
# scope: package
# custom:
#   id: TSA-CVM-201
#   pillar: service_limits
#   severity: high
#   resource_types: [cvm.instance]
#   remediation: >-
#     Renew the instance or turn on auto-renewal (RenewFlag NOTIFY_AND_AUTO_RENEW) in the CVM
#     console or the billing center.
#   tam_recommendation: >-
#     Turn on auto-renewal for every production subscription and review upcoming expiries in
#     the monthly service review.
#   references:
#     - https://www.tencentcloud.com/document/product/213/6290
#   params:
#     high_days: 7
#     medium_days: 30
#   catalogue: LIM-07
package tsa.rules.cvm.prepaid_expiring

import data.tsa.lib.time

params := input.params["TSA-CVM-201"]

deny contains finding if {
	some i in input.resources["cvm.instance"]
	i.data.InstanceChargeType == "PREPAID"
	object.get(i.data, "RenewFlag", "") != "NOTIFY_AND_AUTO_RENEW"
	days := time.days_until(i.data.ExpiredTime)
	days <= params.medium_days
	finding := {
		"resource": i.id,
		"severity": severity(days),
		"message": message(i, days),
		"evidence": {
			"InstanceChargeType": "PREPAID",
			"RenewFlag": object.get(i.data, "RenewFlag", null),
			"ExpiredTime": i.data.ExpiredTime,
			"days_left": floor(days),
		},
	}
}

severity(days) := "high" if days <= params.high_days

else := "medium"

message(i, days) := sprintf("prepaid instance %s (%s) expired on %s and is not set to auto-renew", [i.id, i.name, i.data.ExpiredTime]) if days < 0

else := sprintf("prepaid instance %s (%s) expires in %d days (%s) and is not set to auto-renew", [i.id, i.name, floor(days), i.data.ExpiredTime])
