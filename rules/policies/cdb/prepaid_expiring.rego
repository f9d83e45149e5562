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
#   reads: [data.PayType, data.AutoRenew, data.DeadlineTime]
#   remediation: >-
#     Renew the instance or turn on auto-renewal in the TencentDB for MySQL console or the
#     billing center.
#   tam_recommendation: >-
#     Turn on auto-renewal for every production database and review upcoming expiries in
#     the monthly service review.
#   references:
#     - https://www.tencentcloud.com/document/product/236/61790
#   params:
#     days: 7
#   catalogue: LIM-09
#   i18n:
#     zh-CN:
#       title: 包年包月 MySQL 实例即将到期且未开启自动续费
#       description: >-
#         未设置自动续费的包年包月 MySQL 实例将在 7 天内到期；到期后实例会被隔离（数据库停止服务），之后被释放。
#       remediation: >-
#         在云数据库 MySQL 控制台或费用中心续费实例，或开启自动续费。
#       tam_recommendation: >-
#         所有生产数据库开启自动续费，并在每月的服务复盘中检查即将到期的资源。
package tsa.rules.cdb.prepaid_expiring

import data.tsa.lib.expiry
import data.tsa.lib.num

params := input.params["TSA-CDB-201"]

deny contains finding if {
	some db in input.resources["cdb.instance"]
	num.of(db.data.PayType) == 0
	num.of(db.data.AutoRenew) != 1
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

unknown contains {"resource": db.id, "reason": why} if {
	some db in input.resources["cdb.instance"]
	why := expiry.unknown_reason(db.data, "PayType", 0, "AutoRenew", "DeadlineTime")
}
