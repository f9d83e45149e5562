# METADATA
# title: Cloud disk has no recent snapshot and no scheduled snapshot policy
# description: >-
#   A disk bound to no scheduled snapshot policy whose latest snapshot is old (or missing)
#   cannot be restored to a recent state after deletion, corruption or ransomware.
# scope: package
# custom:
#   id: TSA-CBS-101
#   pillar: reliability
#   severity: high
#   resource_types: [cbs.disk]
#   remediation: >-
#     Bind the disk to a scheduled snapshot policy (CBS console > Snapshots > Scheduled
#     snapshot policies), or take a snapshot now.
#   tam_recommendation: >-
#     Bind every production disk to a daily scheduled snapshot policy with a retention that
#     matches your recovery point objective.
#   references:
#     - https://www.tencentcloud.com/document/product/362/8191
#   params:
#     max_age_days: 30
#     warn_age_days: 7
#   catalogue: REL-01
package tsa.rules.cbs.disk_no_snapshot

import data.tsa.lib.time

params := input.params["TSA-CBS-101"]

no_policy(disk) if count(object.get(disk.data, "AutoSnapshotPolicyIds", [])) == 0

# latest_age is the age in days of the disk's newest usable snapshot.
latest_age(disk) := min([time.age_days(s.CreateTime) |
	some s in disk.related.snapshots
	object.get(s, "SnapshotState", "NORMAL") == "NORMAL"
])

deny contains finding if {
	some disk in input.resources["cbs.disk"]
	no_policy(disk)
	is_array(disk.related.snapshots)
	not latest_age(disk)
	finding := {
		"resource": disk.id,
		"message": sprintf("disk %s (%s) has no snapshot and no scheduled snapshot policy", [disk.id, disk.name]),
		"evidence": {"AutoSnapshotPolicyIds": [], "snapshots": 0},
	}
}

deny contains finding if {
	some disk in input.resources["cbs.disk"]
	no_policy(disk)
	age := latest_age(disk)
	age > params.warn_age_days
	finding := {
		"resource": disk.id,
		"severity": severity(age),
		"message": sprintf("disk %s (%s) has no scheduled snapshot policy and its latest snapshot is %d days old", [disk.id, disk.name, floor(age)]),
		"evidence": {"AutoSnapshotPolicyIds": [], "latest_snapshot_age_days": floor(age)},
	}
}

severity(age) := "high" if age > params.max_age_days

else := "medium"
