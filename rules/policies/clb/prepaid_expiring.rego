# METADATA
# title: Prepaid load balancer expiring without auto-renewal
# description: >-
#   A monthly-subscription CLB instance that is not set to renew automatically expires within
#   7 days; on expiry it stops forwarding and every service behind it is cut off.
#   A prepaid load balancer whose ExpireTime is null or unreadable is unknown.
# scope: package
# custom:
#   id: TSA-CLB-202
#   pillar: service_limits
#   severity: high
#   resource_types: [clb.load_balancer]
#   reads: [data.ChargeType, data.PrepaidAttributes, data.ExpireTime]
#   remediation: >-
#     Renew the load balancer or turn on auto-renewal in the CLB console or the billing
#     center.
#   tam_recommendation: >-
#     Turn on auto-renewal for every prepaid load balancer in front of production traffic.
#   references:
#     - https://cloud.tencent.com/document/api/214/30685
#     - https://www.tencentcloud.com/document/api/214/30685
#   params:
#     days: 7
#   catalogue: LIM-14
#   i18n:
#     zh-CN:
#       title: 包年包月负载均衡即将到期且未开启自动续费
#       description: >-
#         未设置自动续费的包年包月负载均衡将在 7 天内到期；到期后停止转发，其后的所有服务都会中断。到期时间为空或无法解析时结果为未知。
#       remediation: >-
#         在负载均衡控制台或费用中心为实例续费，或开启自动续费。
#       tam_recommendation: >-
#         为所有承载生产流量的包年包月负载均衡开启自动续费。
package tsa.rules.clb.prepaid_expiring

import data.tsa.lib.dates
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

unknown contains {"resource": lb.id, "reason": "ChargeType is absent or null"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	not is_string(object.get(lb.data, "ChargeType", null))
}

unknown contains {"resource": lb.id, "reason": sprintf("prepaid load balancer with an unreadable ExpireTime (%v)", [object.get(lb.data, "ExpireTime", null)])} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	lb.data.ChargeType == "PREPAID"
	not dates.readable(object.get(lb.data, "ExpireTime", null))
}
