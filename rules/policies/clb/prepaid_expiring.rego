# METADATA
# title: Prepaid load balancer expiring without auto-renewal
# description: >-
#   A monthly-subscription CLB instance that is not set to renew automatically expires within
#   7 days; on expiry it stops forwarding and every service behind it is cut off.
# scope: package
# custom:
#   id: TSA-CLB-202
#   pillar: service_limits
#   severity: high
#   resource_types: [clb.load_balancer]
#   remediation: >-
#     Renew the load balancer or turn on auto-renewal in the CLB console or the billing
#     center.
#   tam_recommendation: >-
#     Turn on auto-renewal for every prepaid load balancer in front of production traffic.
#   references: []
#   params:
#     days: 7
#   catalogue: LIM-14
package tsa.rules.clb.prepaid_expiring

import data.tsa.lib.expiry

params := input.params["TSA-CLB-202"]

renew_flag(lb) := f if {
	f := lb.data.PrepaidAttributes.RenewFlag
} else := null

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	lb.data.ChargeType == "PREPAID"
	renew_flag(lb) != "NOTIFY_AND_AUTO_RENEW"
	days := expiry.days_left(lb.data.ExpireTime, params.days)
	finding := {
		"resource": lb.id,
		"message": expiry.message("prepaid load balancer", lb, lb.data.ExpireTime, days),
		"evidence": {
			"ChargeType": "PREPAID",
			"RenewFlag": renew_flag(lb),
			"ExpireTime": lb.data.ExpireTime,
			"days_left": floor(days),
		},
	}
}
