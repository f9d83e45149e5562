# METADATA
# title: Instance system disk has no recent snapshot
# description: >-
#   A system disk with no scheduled snapshot policy and no recent snapshot cannot be rolled back
#   after a failed upgrade, a bad configuration change or an intrusion.
# scope: package
# custom:
#   id: TSA-CBS-102
#   pillar: reliability
#   severity: medium
#   resource_types: [cbs.disk]
#   remediation: >-
#     Bind the system disk to a scheduled snapshot policy, or take a snapshot (or a custom image)
#     before every change to the instance.
#   tam_recommendation: >-
#     Snapshot system disks on a schedule and before every OS or middleware change, so an
#     instance can be rolled back in minutes.
#   references:
#     - https://www.tencentcloud.com/document/product/362/8191
#   params:
#     max_age_days: 30
#   catalogue: REL-02
package tsa.rules.cbs.system_disk_no_snapshot

import data.tsa.lib.fields
import data.tsa.lib.time

params := input.params["TSA-CBS-102"]

snapshot_ages(disk) := [time.age_days(s.CreateTime) |
	some s in disk.related.snapshots
	is_object(s)
	object.get(s, "SnapshotState", "NORMAL") == "NORMAL"
	fields.str(s, "CreateTime") != ""
]

# stale is the reason a system disk counts as unprotected, with the evidence for it.
stale(disk) := {"latest_snapshot_age_days": null} if {
	count(snapshot_ages(disk)) == 0
} else := {"latest_snapshot_age_days": floor(age)} if {
	age := min(snapshot_ages(disk))
	age > params.max_age_days
}

deny contains finding if {
	some disk in input.resources["cbs.disk"]
	disk.data.DiskUsage == "SYSTEM_DISK"
	object.get(disk.data, "SnapshotAbility", true) != false
	count(fields.list(disk.data, "AutoSnapshotPolicyIds")) == 0
	is_array(disk.related.snapshots)
	why := stale(disk)
	instance := fields.str(disk.data, "InstanceId")
	finding := {
		"resource": disk.id,
		"message": message(disk, instance, why.latest_snapshot_age_days),
		"evidence": object.union(why, {"DiskUsage": "SYSTEM_DISK", "InstanceId": instance, "AutoSnapshotPolicyIds": []}),
	}
}

message(disk, instance, null) := sprintf("system disk %s of instance %s has no snapshot and no scheduled snapshot policy", [disk.id, instance])

message(disk, instance, age) := sprintf("system disk %s of instance %s has no scheduled snapshot policy and its latest snapshot is %d days old", [disk.id, instance, age]) if age != null
