# METADATA
# title: Prepaid Redis instance expiring without auto-renewal
# description: >-
#   A monthly-subscription Redis instance that is not set to renew automatically expires
#   within 7 days; on expiry it is isolated and its data later released.
# scope: package
# custom:
#   id: TSA-REDIS-201
#   pillar: service_limits
#   severity: high
#   resource_types: [redis.instance]
#   remediation: >-
#     Renew the instance or turn on auto-renewal in the TencentDB for Redis console or the
#     billing center.
#   tam_recommendation: >-
#     Turn on auto-renewal for production caches and review upcoming expiries monthly.
#   references: []
#   params:
#     days: 7
#   catalogue: LIM-10
package tsa.rules.redis.prepaid_expiring

import data.tsa.lib.expiry
import data.tsa.lib.num

params := input.params["TSA-REDIS-201"]

deny contains finding if {
	some r in input.resources["redis.instance"]
	num.of(r.data.BillingMode) == 1
	not num.of(object.get(r.data, "AutoRenewFlag", 0)) == 1
	days := expiry.days_left(r.data.DeadlineTime, params.days)
	finding := {
		"resource": r.id,
		"message": expiry.message("prepaid Redis instance", r, r.data.DeadlineTime, days),
		"evidence": {
			"BillingMode": 1,
			"AutoRenewFlag": object.get(r.data, "AutoRenewFlag", null),
			"DeadlineTime": r.data.DeadlineTime,
			"days_left": floor(days),
		},
	}
}
