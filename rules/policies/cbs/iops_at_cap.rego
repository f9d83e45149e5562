# METADATA
# title: Disk IOPS at the limit of its type and size
# description: >-
#   A cloud disk's IOPS limit grows with its size up to a ceiling per disk type. A disk whose
#   daily peak reaches that limit is throttled, and its instance waits on I/O. A disk of a type
#   without a known formula, or bought with extra performance, is unknown, never a pass.
# scope: package
# custom:
#   id: TSA-CBS-401
#   pillar: performance
#   severity: medium
#   resource_types: [cbs.disk]
#   joins: [monitor.metric]
#   reads: [data.DiskType, data.DiskSize, data.ThroughputPerformance, metric.cbs_read_iops, metric.cbs_write_iops]
#   remediation: >-
#     Expand the disk (the limit grows with size), change it to a faster type (SSD or Enhanced
#     SSD), or spread the data over several disks with LVM.
#   tam_recommendation: >-
#     Size database and log disks for their peak IOPS, not only their capacity, and move hot
#     data to Enhanced SSD.
#   references:
#     - https://www.tencentcloud.com/document/product/362/2353
#     - https://cloud.tencent.com/document/product/362/2353
#     - https://www.tencentcloud.com/document/product/362/39611
#   params:
#     percent: 95
#     min_days: 1
#     window_days: 14
#     iops_limits:
#       CLOUD_PREMIUM: {base: 1800, per_gb: 8, max: 6000}
#       CLOUD_SSD: {base: 1800, per_gb: 30, max: 26000}
#       CLOUD_BSSD: {base: 1800, per_gb: 30, max: 50000}
#       CLOUD_HSSD: {base: 1800, per_gb: 50, max: 50000}
#       CLOUD_TSSD: {base: 10000, per_gb: 80, max: 1000000}
#   catalogue: PERF-03
#   i18n:
#     zh-CN:
#       title: 云硬盘 IOPS 达到其类型和容量的上限
#       description: >-
#         云硬盘的 IOPS 上限随容量增长，并受每种云硬盘类型的最大值限制。日峰值达到上限的云硬盘会被限速，
#         挂载它的实例将等待 I/O。没有已知公式的云硬盘类型或购买了额外性能的云硬盘结果为未知，不会判为通过。
#       remediation: >-
#         扩容云硬盘（上限随容量增长），更换为更快的类型（SSD 或增强型 SSD），或用 LVM 将数据分散到多块云硬盘上。
#       tam_recommendation: >-
#         数据库和日志盘应按峰值 IOPS 而不只是容量来选型，并将热点数据迁移到增强型 SSD 云硬盘。
package tsa.rules.cbs.iops_at_cap

import data.tsa.lib.metrics

params := input.params["TSA-CBS-401"]

disks := object.get(input.resources, "cbs.disk", [])

# limit is the disk's baseline IOPS: min(base + per_gb × size, max), from Tencent's formula for
# its type. Undefined for a type without a formula, a missing size, or a disk bought with extra
# performance (ThroughputPerformance), whose higher limit the API does not state.
limit(disk) := min([spec.base + (spec.per_gb * size), spec.max]) if {
	spec := params.iops_limits[disk.data.DiskType]
	size := disk.data.DiskSize
	is_number(size)
	object.get(disk.data, "ThroughputPerformance", 0) == 0
}

read(disk) := metrics.daily_peaks(metrics.series("cbs_read_iops", disk.id))

write(disk) := metrics.daily_peaks(metrics.series("cbs_write_iops", disk.id))

daily_iops(r, w) := [total |
	n := min([count(r), count(w), params.window_days])
	n > 0
	some d in numbers.range(1, n)
	x := r[count(r) - d]
	y := w[count(w) - d]
	is_number(x)
	is_number(y)
	total := x + y
]

deny contains finding if {
	some disk in disks
	cap := limit(disk)
	iops := daily_iops(read(disk), write(disk))
	hot := [v | some v in iops; (v * 100) / cap >= params.percent]
	count(hot) >= params.min_days
	finding := {
		"resource": disk.id,
		"message": sprintf("disk %s (%s, %s %v GB): IOPS peaked at %v, %v%% of its %v limit, on %d of the last %d days", [disk.id, disk.name, disk.data.DiskType, disk.data.DiskSize, max(hot), metrics.round2((max(hot) * 100) / cap), cap, count(hot), params.window_days]),
		"evidence": {"DiskType": disk.data.DiskType, "DiskSize": disk.data.DiskSize, "iops_limit": cap, "peak_iops": max(hot), "days_at_limit": count(hot)},
	}
}

unknown contains {"resource": disk.id, "reason": reason} if {
	some disk in disks
	not limit(disk)
	reason := why_no_limit(disk)
}

unknown contains {"resource": disk.id, "reason": "Cloud Monitor returned no read and write IOPS for the same day"} if {
	some disk in disks
	limit(disk)
	read(disk)
	write(disk)
	count(daily_iops(read(disk), write(disk))) == 0
}

why_no_limit(disk) := "DiskType is absent or null" if not is_string(object.get(disk.data, "DiskType", null))

else := sprintf("no IOPS formula is known for disk type %s", [disk.data.DiskType]) if not params.iops_limits[disk.data.DiskType]

else := "DiskSize is absent or not a number" if not is_number(object.get(disk.data, "DiskSize", null))

else := sprintf("the disk was bought with extra performance (ThroughputPerformance %v MiB/s), whose IOPS limit the API does not state", [disk.data.ThroughputPerformance])
