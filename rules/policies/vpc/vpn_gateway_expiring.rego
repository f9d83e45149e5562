# METADATA
# title: Prepaid VPN gateway expiring within a month without auto-renewal
# description: >-
#   A monthly-subscription VPN gateway that is not set to renew automatically expires within
#   30 days (high within 7); when it expires its tunnels go down and the link between the
#   VPC and the other site is cut.
# scope: package
# custom:
#   id: TSA-VPC-205
#   pillar: service_limits
#   severity: high
#   resource_types: [vpc.vpn_gateway]
#   remediation: >-
#     Renew the VPN gateway or turn on auto-renewal (RenewFlag NOTIFY_AND_AUTO_RENEW) in the
#     VPC console.
#   tam_recommendation: >-
#     Turn on auto-renewal for hybrid-cloud links and monitor tunnel status with alarms.
#   references: []
#   params:
#     high_days: 7
#     medium_days: 30
#   catalogue: LIM-13
package tsa.rules.vpc.vpn_gateway_expiring

import data.tsa.lib.expiry

params := input.params["TSA-VPC-205"]

deny contains finding if {
	some gw in input.resources["vpc.vpn_gateway"]
	gw.data.InstanceChargeType == "PREPAID"
	object.get(gw.data, "RenewFlag", "") != "NOTIFY_AND_AUTO_RENEW"
	days := expiry.days_left(gw.data.ExpiredTime, params.medium_days)
	finding := {
		"resource": gw.id,
		"severity": severity(days),
		"message": expiry.message("prepaid VPN gateway", gw, gw.data.ExpiredTime, days),
		"evidence": {
			"InstanceChargeType": "PREPAID",
			"RenewFlag": object.get(gw.data, "RenewFlag", null),
			"ExpiredTime": gw.data.ExpiredTime,
			"days_left": floor(days),
		},
	}
}

severity(days) := "high" if days <= params.high_days

else := "medium"
