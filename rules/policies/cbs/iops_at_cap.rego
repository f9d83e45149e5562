# METADATA
# title: Disk IOPS at the limit of its type and size
# description: >-
#   A cloud disk's IOPS limit grows with its size up to a ceiling per disk type. A disk whose
#   daily peak reaches that limit is throttled, and its instance waits on I/O.
# scope: package
# custom:
#   id: TSA-CBS-401
#   pillar: performance
#   severity: medium
#   resource_types: [cbs.disk]
#   joins: [monitor.metric]
#   remediation: >-
#     Expand the disk (the limit grows with size), change it to a faster type (SSD or Enhanced
#     SSD), or spread the data over several disks with LVM.
#   tam_recommendation: >-
#     Size database and log disks for their peak IOPS, not only their capacity, and move hot
#     data to Enhanced SSD.
#   references:
#     - https://www.tencentcloud.com/document/product/362/2353
#   params:
#     percent: 95
#     min_days: 1
#     window_days: 14
#     iops_limits:
#       CLOUD_PREMIUM: {base: 1800, per_gb: 8, max: 6000}
#       CLOUD_SSD: {base: 1800, per_gb: 30, max: 26000}
#       CLOUD_BSSD: {base: 1800, per_gb: 30, max: 50000}
#       CLOUD_HSSD: {base: 1800, per_gb: 50, max: 50000}
#   catalogue: PERF-03
package tsa.rules.cbs.iops_at_cap

import data.tsa.lib.metrics

params := input.params["TSA-CBS-401"]

# limit is the disk's baseline IOPS: min(base + per_gb × size, max). Disks bought with extra
# performance (ThroughputPerformance) have a higher limit the API does not state; they are skipped.
limit(disk) := min([spec.base + (spec.per_gb * size), spec.max]) if {
	spec := params.iops_limits[disk.data.DiskType]
	size := disk.data.DiskSize
	is_number(size)
	object.get(disk.data, "ThroughputPerformance", 0) in {0, null}
}

daily_iops(read, write) := [total |
	n := min([count(read), count(write), params.window_days])
	n > 0
	some d in numbers.range(1, n)
	r := read[count(read) - d]
	w := write[count(write) - d]
	is_number(r)
	is_number(w)
	total := r + w
]

deny contains finding if {
	some disk in input.resources["cbs.disk"]
	cap := limit(disk)
	iops := daily_iops(metrics.daily_peaks(metrics.series("cbs_read_iops", disk.id)), metrics.daily_peaks(metrics.series("cbs_write_iops", disk.id)))
	hot := [v | some v in iops; (v * 100) / cap >= params.percent]
	count(hot) >= params.min_days
	finding := {
		"resource": disk.id,
		"message": sprintf("disk %s (%s, %s %v GB): IOPS peaked at %v, %v%% of its %v limit, on %d of the last %d days", [disk.id, disk.name, disk.data.DiskType, disk.data.DiskSize, max(hot), metrics.round2((max(hot) * 100) / cap), cap, count(hot), params.window_days]),
		"evidence": {"DiskType": disk.data.DiskType, "DiskSize": disk.data.DiskSize, "iops_limit": cap, "peak_iops": max(hot), "days_at_limit": count(hot)},
	}
}
