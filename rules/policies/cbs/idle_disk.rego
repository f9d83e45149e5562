# METADATA
# title: Idle cloud disk
# description: >-
#   A disk left unattached for days, or attached but doing almost no I/O for a week, is paid for
#   and serves nothing.
#   An attached disk is judged on its daily IOPS values (the metric's daily statistic bounds the
#   day from above, so values at or under the limit show an idle day); a disk without seven days
#   of values is unknown.
# scope: package
# custom:
#   id: TSA-CBS-301
#   pillar: cost
#   severity: medium
#   resource_types: [cbs.disk]
#   joins: [monitor.metric]
#   reads: [data.Attached, data.CreateTime, metric.cbs_read_iops, metric.cbs_write_iops]
#   remediation: >-
#     Snapshot the disk if its data may be needed, then terminate it; or attach it to the
#     instance that should use it.
#   tam_recommendation: >-
#     Review unattached and idle disks every month with their owners; keep a snapshot rather
#     than a disk for data that is only kept just in case.
#   references:
#     - https://www.tencentcloud.com/document/product/362/32399
#     - https://cloud.tencent.com/document/product/362/32399
#     - https://www.tencentcloud.com/document/product/248/37085
#     - https://cloud.tencent.com/document/api/362/16315
#   params:
#     unattached_days: 5
#     max_daily_iops: 1
#     idle_days: 7
#   catalogue: COST-01
#   i18n:
#     zh-CN:
#       title: 闲置的云硬盘
#       description: >-
#         连续多天未挂载的云硬盘，或已挂载但一周内几乎没有任何读写的云硬盘，一直在计费却不承担任何工作。已挂载的云硬盘按每日 IOPS 判断，
#         不足七天数据时结果为未知。
#       remediation: >-
#         如数据可能还需要，先为云硬盘创建快照，然后退还云硬盘；或将其挂载到应该使用它的实例上。
#       tam_recommendation: >-
#         每月与负责人一起复核未挂载和闲置的云硬盘；仅为以防万一而保留的数据，用快照保存比保留整块云硬盘更划算。
package tsa.rules.cbs.idle_disk

import data.tsa.lib.dates
import data.tsa.lib.fields
import data.tsa.lib.metrics
import data.tsa.lib.time

params := input.params["TSA-CBS-301"]

# The API does not say when a disk was detached; its age is the lower bound of that time.
deny contains finding if {
	some disk in input.resources["cbs.disk"]
	disk.data.Attached == false
	created := fields.str(disk.data, "CreateTime")
	created != ""
	age := time.age_days(created)
	age >= params.unattached_days
	finding := {
		"resource": disk.id,
		"message": sprintf("disk %s (%s, %v GB) is attached to no instance and was created %d days ago", [disk.id, disk.name, object.get(disk.data, "DiskSize", "?"), floor(age)]),
		"evidence": {"Attached": false, "DiskState": object.get(disk.data, "DiskState", null), "CreateTime": created, "age_days": floor(age)},
	}
}

# daily_iops adds read and write IOPS day by day over the last idle_days (newest first),
# skipping days either series has no value for.
daily_iops(read, write) := [total |
	some d in numbers.range(1, params.idle_days)
	r := read[count(read) - d]
	w := write[count(write) - d]
	is_number(r)
	is_number(w)
	total := r + w
]

deny contains finding if {
	some disk in input.resources["cbs.disk"]
	disk.data.Attached == true
	read := metrics.daily(metrics.series("cbs_read_iops", disk.id))
	write := metrics.daily(metrics.series("cbs_write_iops", disk.id))
	iops := daily_iops(read, write)
	count(iops) == params.idle_days
	every v in iops { v <= params.max_daily_iops }
	finding := {
		"resource": disk.id,
		"message": sprintf("disk %s (%s) averaged at most %v IOPS a day for the last %d days", [disk.id, disk.name, max(iops), params.idle_days]),
		"evidence": {"Attached": true, "InstanceId": fields.str(disk.data, "InstanceId"), "daily_iops": iops, "idle_days": params.idle_days},
	}
}

unknown contains {"resource": disk.id, "reason": "Attached is absent or null"} if {
	some disk in object.get(input.resources, "cbs.disk", [])
	not is_boolean(object.get(disk.data, "Attached", null))
}

unknown contains {"resource": disk.id, "reason": sprintf("unattached disk with an unreadable CreateTime (%v)", [object.get(disk.data, "CreateTime", null)])} if {
	some disk in object.get(input.resources, "cbs.disk", [])
	disk.data.Attached == false
	not dates.readable(object.get(disk.data, "CreateTime", null))
}

unknown contains {"resource": disk.id, "reason": sprintf("Cloud Monitor returned read and write IOPS for %d of the last %d days", [count(iops), params.idle_days])} if {
	some disk in object.get(input.resources, "cbs.disk", [])
	disk.data.Attached == true
	read := metrics.daily(metrics.series("cbs_read_iops", disk.id))
	write := metrics.daily(metrics.series("cbs_write_iops", disk.id))
	iops := daily_iops(read, write)
	count(iops) < params.idle_days
	every v in iops { v <= params.max_daily_iops }
}
