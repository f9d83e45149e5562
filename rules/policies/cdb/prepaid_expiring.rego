# METADATA
# title: Prepaid MySQL instance expiring without auto-renewal
# description: >-
#   A monthly-subscription MySQL instance that is not set to renew automatically expires
#   within 7 days; on expiry it is isolated (the database stops serving) and later released.
# scope: package
# custom:
#   id: TSA-CDB-201
#   pillar: service_limits
#   severity: high
#   resource_types: [cdb.instance]
#   remediation: >-
#     Renew the instance or turn on auto-renewal in the TencentDB for MySQL console or the
#     billing center.
#   tam_recommendation: >-
#     Turn on auto-renewal for every production database and review upcoming expiries in
#     the monthly service review.
#   references: []
#   params:
#     days: 7
#   catalogue: LIM-09
package tsa.rules.cdb.prepaid_expiring

import data.tsa.lib.expiry
import data.tsa.lib.num

params := input.params["TSA-CDB-201"]

deny contains finding if {
	some db in input.resources["cdb.instance"]
	num.of(db.data.PayType) == 0
	not num.of(object.get(db.data, "AutoRenew", 0)) == 1
	days := expiry.days_left(db.data.DeadlineTime, params.days)
	finding := {
		"resource": db.id,
		"message": expiry.message("prepaid MySQL instance", db, db.data.DeadlineTime, days),
		"evidence": {
			"PayType": 0,
			"AutoRenew": object.get(db.data, "AutoRenew", null),
			"DeadlineTime": db.data.DeadlineTime,
			"days_left": floor(days),
		},
	}
}
