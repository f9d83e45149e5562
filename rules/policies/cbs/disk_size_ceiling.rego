# METADATA
# title: Cloud disk near the size ceiling of its type
# description: >-
#   A disk is sized at 80 % or more of the largest size its disk type allows in its zone
#   (DescribeDiskConfigQuota MaxDiskSize), so it cannot be expanded much further when data
#   grows.
# scope: package
# custom:
#   id: TSA-CBS-202
#   pillar: service_limits
#   severity: medium
#   resource_types: [cbs.disk]
#   joins: [cbs.disk_quota]
#   reads: [data.DiskSize, data.DiskType, data.DiskUsage, data.Placement.Zone]
#   remediation: >-
#     Add a second data disk and spread data across disks (LVM or application level), move
#     data to COS or CFS, or migrate to a disk type with a larger ceiling.
#   tam_recommendation: >-
#     Plan storage growth per disk against the type's ceiling; splitting data later under
#     pressure is much harder than designing for it now.
#   references:
#     - https://cloud.tencent.com/document/api/362/16318
#     - https://www.tencentcloud.com/document/api/362/16318
#     - https://cloud.tencent.com/document/product/362/2353
#   params:
#     threshold_pct: 80
#   catalogue: LIM-20
#   i18n:
#     zh-CN:
#       title: 云硬盘容量接近其类型的上限
#       description: >-
#         云硬盘容量已达到其类型在所在可用区允许的最大容量（DescribeDiskConfigQuota 返回的 MaxDiskSize）
#         的 80% 以上，数据增长时已无法再扩容多少。
#       remediation: >-
#         增加一块数据盘并把数据分散到多块盘上（LVM 或应用层），把数据迁移到 COS 或 CFS，或迁移到容量上限更大的云硬盘类型。
#       tam_recommendation: >-
#         按云硬盘类型的容量上限规划每块盘的存储增长；在压力下再拆分数据远比现在就做好设计困难。
package tsa.rules.cbs.disk_size_ceiling

import data.tsa.lib.num

params := input.params["TSA-CBS-202"]

# configs reads the DescribeDiskConfigQuota answer ({"DiskConfigSet": [...]}, or the list).
configs(d) := object.get(d, "DiskConfigSet", []) if is_object(d)

else := d if is_array(d)

else := []

# max_size is the largest MaxDiskSize the region's configs offer for the disk's zone and
# type (and usage, when the config names one).
max_size(disk) := max(sizes) if {
	sizes := [s |
		some q in input.resources["cbs.disk_quota"]
		q.region == disk.region
		some c in configs(q.data)
		c.Zone == disk.data.Placement.Zone
		c.DiskType == disk.data.DiskType
		object.get(c, "DiskUsage", disk.data.DiskUsage) in {disk.data.DiskUsage, "", null}
		s := num.of(c.MaxDiskSize)
	]
	count(sizes) > 0
}

deny contains finding if {
	some disk in input.resources["cbs.disk"]
	ceiling := max_size(disk)
	p := num.pct(disk.data.DiskSize, ceiling)
	p >= params.threshold_pct
	finding := {
		"resource": disk.id,
		"message": sprintf("disk %s (%s) is %v GB, %v%% of the %v GB maximum for %s in %s", [disk.id, disk.name, disk.data.DiskSize, num.round1(p), ceiling, disk.data.DiskType, disk.data.Placement.Zone]),
		"evidence": {"DiskSize": disk.data.DiskSize, "MaxDiskSize": ceiling, "DiskType": disk.data.DiskType, "Zone": disk.data.Placement.Zone, "pct": num.round1(p)},
	}
}

unknown contains {"resource": disk.id, "reason": "DiskSize, DiskType or Placement.Zone is absent or null"} if {
	some disk in object.get(input.resources, "cbs.disk", [])
	some path in [["DiskSize"], ["DiskType"], ["Placement", "Zone"]]
	object.get(disk.data, path, null) == null
}

unknown contains {"resource": disk.id, "reason": sprintf("no size ceiling for %v in %v is in the disk configuration quota (cbs.disk_quota)", [disk.data.DiskType, disk.data.Placement.Zone])} if {
	some disk in object.get(input.resources, "cbs.disk", [])
	is_string(disk.data.DiskType)
	is_string(disk.data.Placement.Zone)
	not max_size(disk)
}
