# METADATA
# title: Instance system disk has no recent snapshot
# description: >-
#   A system disk with no switched-on scheduled snapshot policy (IsActivated false takes no
#   snapshot) and no recent snapshot cannot be rolled back after a failed upgrade, a bad
#   configuration change or an intrusion. Data disks are TSA-CBS-101's.
# scope: package
# custom:
#   id: TSA-CBS-102
#   pillar: reliability
#   severity: medium
#   resource_types: [cbs.disk]
#   joins: [cbs.auto_snapshot_policy]
#   reads: [data.DiskUsage, data.SnapshotAbility, data.AutoSnapshotPolicyIds, data.InstanceId, related.snapshots]
#   remediation: >-
#     Bind the system disk to a scheduled snapshot policy, or take a snapshot (or a custom image)
#     before every change to the instance.
#   tam_recommendation: >-
#     Snapshot system disks on a schedule and before every OS or middleware change, so an
#     instance can be rolled back in minutes.
#   references:
#     - https://www.tencentcloud.com/document/product/362/8191
#     - https://cloud.tencent.com/document/product/362/8191
#   params:
#     max_age_days: 30
#   catalogue: REL-02
#   i18n:
#     zh-CN:
#       title: 实例系统盘没有近期快照
#       description: >-
#         系统盘没有绑定处于启用状态的定期快照策略（IsActivated 为 false 的策略不会创建快照），也没有近期快照，
#         升级失败、配置改错或遭到入侵后无法回滚。数据盘由 TSA-CBS-101 检查。
#       remediation: >-
#         为系统盘绑定已启用的定期快照策略，或在每次变更实例前创建快照（或自定义镜像）。
#       tam_recommendation: >-
#         按计划为系统盘创建快照，并在每次操作系统或中间件变更前额外创建一次，使实例可以在几分钟内回滚。
package tsa.rules.cbs.system_disk_no_snapshot

import data.tsa.lib.cbs

params := input.params["TSA-CBS-102"]

disks := object.get(input.resources, "cbs.disk", [])

judged(disk) if {
	disk.data.DiskUsage == "SYSTEM_DISK"
	disk.data.SnapshotAbility == true
}

# stale is the latest snapshot age when it is over max_age_days, or null when there is none.
stale(disk) := null if not cbs.latest_age(disk)

else := floor(age) if {
	age := cbs.latest_age(disk)
	age > params.max_age_days
}

deny contains finding if {
	some disk in disks
	judged(disk)
	not cbs.protected(disk)
	not cbs.why_unknown(disk)
	age := stale(disk)
	instance := object.get(disk.data, "InstanceId", "")
	finding := {
		"resource": disk.id,
		"message": message(disk, instance, age),
		"evidence": {"latest_snapshot_age_days": age, "DiskUsage": "SYSTEM_DISK", "InstanceId": instance, "AutoSnapshotPolicyIds": cbs.bound(disk), "active_policies": []},
	}
}

unknown contains {"resource": disk.id, "reason": "DiskUsage is absent or null"} if {
	some disk in disks
	not is_string(object.get(disk.data, "DiskUsage", null))
}

unknown contains {"resource": disk.id, "reason": "SnapshotAbility is absent or null"} if {
	some disk in disks
	disk.data.DiskUsage == "SYSTEM_DISK"
	not is_boolean(object.get(disk.data, "SnapshotAbility", null))
}

unknown contains {"resource": disk.id, "reason": cbs.why_unknown(disk)} if {
	some disk in disks
	judged(disk)
	not cbs.protected(disk)
}

message(disk, instance, null) := sprintf("system disk %s of instance %s has no snapshot and no active scheduled snapshot policy", [disk.id, instance])

message(disk, instance, age) := sprintf("system disk %s of instance %s has no active scheduled snapshot policy and its latest snapshot is %d days old", [disk.id, instance, age]) if age != null
