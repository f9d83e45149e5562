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
#   reads: [data.InstanceChargeType, data.RenewFlag, data.ExpiredTime]
#   remediation: >-
#     Renew the VPN gateway or turn on auto-renewal (RenewFlag NOTIFY_AND_AUTO_RENEW) in the
#     VPC console.
#   tam_recommendation: >-
#     Turn on auto-renewal for hybrid-cloud links and monitor tunnel status with alarms.
#   references:
#     - https://cloud.tencent.com/document/api/215/17514
#     - https://www.tencentcloud.com/document/api/215/17514
#   params:
#     high_days: 7
#     medium_days: 30
#   catalogue: LIM-13
#   i18n:
#     zh-CN:
#       title: 包年包月 VPN 网关一个月内到期且未开启自动续费
#       description: >-
#         未设置自动续费的包年包月 VPN 网关将在 30 天内到期；到期后网关停止服务，VPC 与对端站点之间的连接随之中断。
#         到期时间为空或无法解析时结果为未知。
#       remediation: >-
#         在私有网络控制台为 VPN 网关续费，或开启自动续费（RenewFlag 为 NOTIFY_AND_AUTO_RENEW）
#         。
#       tam_recommendation: >-
#         为混合云链路开启自动续费，并为隧道状态配置告警。
package tsa.rules.vpc.vpn_gateway_expiring

import data.tsa.lib.dates
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

unknown contains {"resource": gw.id, "reason": "InstanceChargeType is absent or null"} if {
	some gw in object.get(input.resources, "vpc.vpn_gateway", [])
	not is_string(object.get(gw.data, "InstanceChargeType", null))
}

unknown contains {"resource": gw.id, "reason": sprintf("prepaid VPN gateway with an unreadable ExpiredTime (%v)", [object.get(gw.data, "ExpiredTime", null)])} if {
	some gw in object.get(input.resources, "vpc.vpn_gateway", [])
	gw.data.InstanceChargeType == "PREPAID"
	not dates.readable(object.get(gw.data, "ExpiredTime", null))
}
