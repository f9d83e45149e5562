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
#   reads: [data.BillingMode, data.AutoRenewFlag, data.DeadlineTime]
#   remediation: >-
#     Renew the instance or turn on auto-renewal in the TencentDB for Redis console or the
#     billing center.
#   tam_recommendation: >-
#     Turn on auto-renewal for production caches and review upcoming expiries monthly.
#   references:
#     - https://www.tencentcloud.com/document/product/239/18336
#   params:
#     days: 7
#   catalogue: LIM-10
#   i18n:
#     zh-CN:
#       title: 包年包月 Redis 实例即将到期且未开启自动续费
#       description: >-
#         未设置自动续费的包年包月 Redis 实例将在 7 天内到期；到期后实例会被隔离，数据随后被释放。
#       remediation: >-
#         在云数据库 Redis 控制台或费用中心续费实例，或开启自动续费。
#       tam_recommendation: >-
#         生产缓存开启自动续费，并每月检查即将到期的资源。
package tsa.rules.redis.prepaid_expiring

import data.tsa.lib.expiry
import data.tsa.lib.num

params := input.params["TSA-REDIS-201"]

deny contains finding if {
	some r in input.resources["redis.instance"]
	num.of(r.data.BillingMode) == 1
	num.of(r.data.AutoRenewFlag) != 1
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

unknown contains {"resource": r.id, "reason": why} if {
	some r in input.resources["redis.instance"]
	why := expiry.unknown_reason(r.data, "BillingMode", 1, "AutoRenewFlag", "DeadlineTime")
}
