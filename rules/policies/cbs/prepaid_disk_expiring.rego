# METADATA
# title: Prepaid cloud disk expiring without auto-renewal
# description: >-
#   A monthly-subscription disk that is not set to renew automatically expires within 7
#   days; when it expires it is detached and later released with its data.
# scope: package
# custom:
#   id: TSA-CBS-201
#   pillar: service_limits
#   severity: high
#   resource_types: [cbs.disk]
#   remediation: >-
#     Renew the disk or turn on auto-renewal (RenewFlag NOTIFY_AND_AUTO_RENEW) in the CBS
#     console or the billing center.
#   tam_recommendation: >-
#     Turn on auto-renewal for production disks, aligned with the instance they belong to,
#     and review upcoming expiries monthly.
#   references: []
#   params:
#     days: 7
#   catalogue: LIM-08
package tsa.rules.cbs.prepaid_disk_expiring

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
