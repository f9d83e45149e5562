# METADATA
# title: Prepaid instance expiring soon without auto-renewal
# description: >-
#   A monthly-subscription instance that is not set to renew automatically is shut down and
#   later released when it expires. A prepaid instance whose ExpiredTime is null or unreadable is
#   unknown.
# scope: package
# custom:
#   id: TSA-CVM-201
#   pillar: service_limits
#   severity: high
#   resource_types: [cvm.instance]
#   reads: [data.InstanceChargeType, data.RenewFlag, data.ExpiredTime]
#   remediation: >-
#     Renew the instance or turn on auto-renewal (RenewFlag NOTIFY_AND_AUTO_RENEW) in the CVM
#     console or the billing center.
#   tam_recommendation: >-
#     Turn on auto-renewal for every production subscription and review upcoming expiries in
#     the monthly service review.
#   references:
#     - https://www.tencentcloud.com/document/product/213/6290
#     - https://cloud.tencent.com/document/product/213/6290
#   params:
#     high_days: 7
#     medium_days: 30
#   catalogue: LIM-07
#   i18n:
#     zh-CN:
#       title: 包年包月实例即将到期且未开启自动续费
#       description: >-
#         未设置自动续费的包年包月实例到期后会被关机，随后被释放。到期时间为空或无法解析的包年包月实例结果为未知。
#       remediation: >-
#         在云服务器控制台或费用中心为实例续费，或开启自动续费（RenewFlag 为 NOTIFY_AND_AUTO_RENEW）。
#       tam_recommendation: >-
#         为所有生产环境的包年包月资源开启自动续费，并在每月服务回顾中检查即将到期的资源。
package tsa.rules.cvm.prepaid_expiring

import data.tsa.lib.dates

params := input.params["TSA-CVM-201"]

instances := object.get(input.resources, "cvm.instance", [])

prepaid := [i | some i in instances; i.data.InstanceChargeType == "PREPAID"]

deny contains finding if {
	some i in prepaid
	is_string(i.data.RenewFlag)
	i.data.RenewFlag != "NOTIFY_AND_AUTO_RENEW"
	days := dates.days_until(i.data.ExpiredTime)
	days <= params.medium_days
	finding := {
		"resource": i.id,
		"severity": severity(days),
		"message": message(i, days),
		"evidence": {
			"InstanceChargeType": "PREPAID",
			"RenewFlag": i.data.RenewFlag,
			"ExpiredTime": i.data.ExpiredTime,
			"days_left": floor(days),
		},
	}
}

unknown contains {"resource": i.id, "reason": "InstanceChargeType is absent or null"} if {
	some i in instances
	not is_string(object.get(i.data, "InstanceChargeType", null))
}

unknown contains {"resource": i.id, "reason": sprintf("prepaid instance with an unreadable ExpiredTime (%v)", [object.get(i.data, "ExpiredTime", null)])} if {
	some i in prepaid
	not dates.readable(object.get(i.data, "ExpiredTime", null))
}

unknown contains {"resource": i.id, "reason": "prepaid instance expiring soon whose RenewFlag is absent or null"} if {
	some i in prepaid
	not is_string(object.get(i.data, "RenewFlag", null))
	dates.days_until(i.data.ExpiredTime) <= params.medium_days
}

severity(days) := "high" if days <= params.high_days

else := "medium"

message(i, days) := sprintf("prepaid instance %s (%s) expired on %s and is not set to auto-renew", [i.id, i.name, i.data.ExpiredTime]) if days < 0

else := sprintf("prepaid instance %s (%s) expires in %d days (%s) and is not set to auto-renew", [i.id, i.name, floor(days), i.data.ExpiredTime])
