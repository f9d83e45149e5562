# METADATA
# title: Prepaid cloud disk expiring without auto-renewal
# description: >-
#   A monthly-subscription disk that is not set to renew automatically expires within 7
#   days; when it expires it is detached and later released with its data.
#   A prepaid disk whose DeadlineTime is null or unreadable is unknown.
# scope: package
# custom:
#   id: TSA-CBS-201
#   pillar: service_limits
#   severity: high
#   resource_types: [cbs.disk]
#   reads: [data.DiskChargeType, data.RenewFlag, data.DeadlineTime]
#   remediation: >-
#     Renew the disk or turn on auto-renewal (RenewFlag NOTIFY_AND_AUTO_RENEW) in the CBS
#     console or the billing center.
#   tam_recommendation: >-
#     Turn on auto-renewal for production disks, aligned with the instance they belong to,
#     and review upcoming expiries monthly.
#   references:
#     - https://cloud.tencent.com/document/api/362/15668
#     - https://www.tencentcloud.com/document/api/362/15668
#     - https://cloud.tencent.com/document/api/362/16315
#   params:
#     days: 7
#   catalogue: LIM-08
#   i18n:
#     zh-CN:
#       title: 包年包月云硬盘即将到期且未开启自动续费
#       description: >-
#         未设置自动续费的包年包月云硬盘将在 7 天内到期；到期后云硬盘会被卸载，随后连同数据一起被释放。到期时间为空或无法解析时结果为未知。
#       remediation: >-
#         在云硬盘控制台或费用中心为云硬盘续费，或开启自动续费（RenewFlag 为 NOTIFY_AND_AUTO_RENEW）
#         。
#       tam_recommendation: >-
#         为生产环境云硬盘开启自动续费并与所挂载实例的到期时间对齐，每月检查即将到期的资源。
package tsa.rules.cbs.prepaid_disk_expiring

import data.tsa.lib.dates
import data.tsa.lib.expiry

params := input.params["TSA-CBS-201"]

deny contains finding if {
	some disk in input.resources["cbs.disk"]
	disk.data.DiskChargeType == "PREPAID"
	object.get(disk.data, "RenewFlag", "") != "NOTIFY_AND_AUTO_RENEW"
	days := expiry.days_left(disk.data.DeadlineTime, params.days)
	finding := {
		"resource": disk.id,
		"message": expiry.message("prepaid disk", disk, disk.data.DeadlineTime, days),
		"evidence": {
			"DiskChargeType": "PREPAID",
			"RenewFlag": object.get(disk.data, "RenewFlag", null),
			"DeadlineTime": disk.data.DeadlineTime,
			"days_left": floor(days),
		},
	}
}

unknown contains {"resource": disk.id, "reason": "DiskChargeType is absent or null"} if {
	some disk in object.get(input.resources, "cbs.disk", [])
	not is_string(object.get(disk.data, "DiskChargeType", null))
}

unknown contains {"resource": disk.id, "reason": sprintf("prepaid disk with an unreadable DeadlineTime (%v)", [object.get(disk.data, "DeadlineTime", null)])} if {
	some disk in object.get(input.resources, "cbs.disk", [])
	disk.data.DiskChargeType == "PREPAID"
	not dates.readable(object.get(disk.data, "DeadlineTime", null))
}
