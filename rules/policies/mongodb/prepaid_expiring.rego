# METADATA
# title: Prepaid MongoDB instance expiring without auto-renewal
# description: >-
#   A monthly-subscription MongoDB instance that is not set to renew automatically expires
#   within 7 days; on expiry it is isolated and its data later released.
# scope: package
# custom:
#   id: TSA-MONGODB-201
#   pillar: service_limits
#   severity: high
#   resource_types: [mongodb.instance]
#   reads: [data.PayMode, data.AutoRenewFlag, data.DeadLine]
#   remediation: >-
#     Renew the instance or turn on auto-renewal in the TencentDB for MongoDB console or the
#     billing center.
#   tam_recommendation: >-
#     Turn on auto-renewal for production databases and review upcoming expiries monthly.
#   references:
#     - https://tencentcloud.com/document/product/240/44553
#   params:
#     days: 7
#   catalogue: LIM-11
#   i18n:
#     zh-CN:
#       title: 包年包月 MongoDB 实例即将到期且未开启自动续费
#       description: >-
#         未设置自动续费的包年包月 MongoDB 实例将在 7 天内到期；到期后实例会被隔离，数据随后被释放。
#       remediation: >-
#         在云数据库 MongoDB 控制台或费用中心续费实例，或开启自动续费。
#       tam_recommendation: >-
#         生产数据库开启自动续费，并每月检查即将到期的资源。
package tsa.rules.mongodb.prepaid_expiring

import data.tsa.lib.expiry
import data.tsa.lib.num

params := input.params["TSA-MONGODB-201"]

deny contains finding if {
	some db in input.resources["mongodb.instance"]
	num.of(db.data.PayMode) == 1
	num.of(db.data.AutoRenewFlag) != 1
	days := expiry.days_left(db.data.DeadLine, params.days)
	finding := {
		"resource": db.id,
		"message": expiry.message("prepaid MongoDB instance", db, db.data.DeadLine, days),
		"evidence": {
			"PayMode": 1,
			"AutoRenewFlag": object.get(db.data, "AutoRenewFlag", null),
			"DeadLine": db.data.DeadLine,
			"days_left": floor(days),
		},
	}
}

unknown contains {"resource": db.id, "reason": why} if {
	some db in input.resources["mongodb.instance"]
	why := expiry.unknown_reason(db.data, "PayMode", 1, "AutoRenewFlag", "DeadLine")
}
