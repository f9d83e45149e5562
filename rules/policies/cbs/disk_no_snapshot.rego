# METADATA
# title: Data disk has no recent snapshot and no active snapshot policy
# description: >-
#   A data disk bound to no switched-on scheduled snapshot policy (a policy with IsActivated
#   false takes no snapshot) whose latest snapshot is old or missing cannot be restored to a
#   recent state after deletion, corruption or ransomware. System disks are TSA-CBS-102's; disks
#   that cannot be snapshotted (SnapshotAbility false) are out of scope.
# scope: package
# custom:
#   id: TSA-CBS-101
#   pillar: reliability
#   severity: high
#   resource_types: [cbs.disk]
#   joins: [cbs.auto_snapshot_policy]
#   reads: [data.DiskUsage, data.SnapshotAbility, data.AutoSnapshotPolicyIds, related.snapshots]
#   remediation: >-
#     Bind the disk to a scheduled snapshot policy and make sure the policy is switched on (CBS
#     console > Snapshots > Scheduled snapshot policies), or take a snapshot now.
#   tam_recommendation: >-
#     Bind every production disk to a daily scheduled snapshot policy with a retention that
#     matches your recovery point objective, and alert when a policy is switched off.
#   references:
#     - https://www.tencentcloud.com/document/product/362/8191
#     - https://cloud.tencent.com/document/product/362/8191
#   params:
#     max_age_days: 30
#     warn_age_days: 7
#   catalogue: REL-01
#   i18n:
#     zh-CN:
#       title: 数据盘没有近期快照，也没有生效的定期快照策略
#       description: >-
#         数据盘没有绑定处于启用状态的定期快照策略（IsActivated 为 false 的策略不会创建快照），且最近一次快照已过旧或
#         根本没有快照，一旦误删、数据损坏或遭遇勒索软件，就无法恢复到近期状态。系统盘由 TSA-CBS-102 检查；
#         不支持快照的云硬盘（SnapshotAbility 为 false）不在检查范围内。
#       remediation: >-
#         为云硬盘绑定定期快照策略并确认策略已启用（云硬盘控制台 > 快照 > 定期快照策略），或立即手动创建一次快照。
#       tam_recommendation: >-
#         为所有生产环境云硬盘绑定每日执行的定期快照策略，保留时长与业务的恢复点目标（RPO）相匹配，并在策略被停用时告警。
package tsa.rules.cbs.disk_no_snapshot

import data.tsa.lib.cbs

params := input.params["TSA-CBS-101"]

disks := object.get(input.resources, "cbs.disk", [])

# judged is true for a data disk that can be snapshotted.
judged(disk) if {
	disk.data.DiskUsage == "DATA_DISK"
	disk.data.SnapshotAbility == true
}

exposed(disk) if {
	judged(disk)
	not cbs.protected(disk)
	not cbs.why_unknown(disk)
}

evidence(disk) := {"AutoSnapshotPolicyIds": cbs.bound(disk), "active_policies": cbs.active(disk)}

deny contains finding if {
	some disk in disks
	exposed(disk)
	not cbs.latest_age(disk)
	finding := {
		"resource": disk.id,
		"message": sprintf("data disk %s (%s) has no snapshot and no active scheduled snapshot policy%s", [disk.id, disk.name, off(disk)]),
		"evidence": object.union(evidence(disk), {"snapshots": 0}),
	}
}

deny contains finding if {
	some disk in disks
	exposed(disk)
	age := cbs.latest_age(disk)
	age > params.warn_age_days
	finding := {
		"resource": disk.id,
		"severity": severity(age),
		"message": sprintf("data disk %s (%s) has no active scheduled snapshot policy%s and its latest snapshot is %d days old", [disk.id, disk.name, off(disk), floor(age)]),
		"evidence": object.union(evidence(disk), {"latest_snapshot_age_days": floor(age)}),
	}
}

unknown contains {"resource": disk.id, "reason": "DiskUsage or SnapshotAbility is absent or null"} if {
	some disk in disks
	not is_string(object.get(disk.data, "DiskUsage", null))
}

unknown contains {"resource": disk.id, "reason": "SnapshotAbility is absent or null"} if {
	some disk in disks
	disk.data.DiskUsage == "DATA_DISK"
	not is_boolean(object.get(disk.data, "SnapshotAbility", null))
}

unknown contains {"resource": disk.id, "reason": cbs.why_unknown(disk)} if {
	some disk in disks
	judged(disk)
	not cbs.protected(disk)
}

# off names the bound policies that are switched off, which the finding must not hide.
off(disk) := sprintf(" (bound policy %s is switched off)", [concat(", ", ids)]) if {
	ids := [id | some id in cbs.bound(disk); cbs.policies[id].data.IsActivated == false]
	count(ids) > 0
} else := ""

severity(age) := "high" if age > params.max_age_days

else := "medium"
