# Helpers for cloud disks (cbs.disk) and the scheduled snapshot policies they are bound to.
package tsa.lib.cbs

import data.tsa.lib.dates

policies := {p.id: p | some p in object.get(input.resources, "cbs.auto_snapshot_policy", [])}

# bound is the policy ids a disk names, undefined when the API returned none (null / absent: the
# list is read with ReturnBindAutoSnapshotPolicy, so absent is "not returned", not "none").
bound(disk) := ids if {
	ids := disk.data.AutoSnapshotPolicyIds
	is_array(ids)
}

# active is the bound policies that are switched on: a policy turned off (IsActivated false)
# takes no snapshot.
active(disk) := [id | some id in bound(disk); policies[id].data.IsActivated == true]

# unsure is the bound policies tsa cannot judge: missing from the inventory or without a
# boolean IsActivated.
unsure(disk) := [id |
	some id in bound(disk)
	not is_boolean(object.get(object.get(policies, id, {}), ["data", "IsActivated"], null))
]

# protected is true for a disk with a switched-on snapshot policy.
protected(disk) if count(active(disk)) > 0

# snapshots is a disk's usable (NORMAL) snapshots; undefined when they were not read.
snapshots(disk) := [s |
	some s in disk.related.snapshots
	is_object(s)
	object.get(s, "SnapshotState", "NORMAL") == "NORMAL"
] if is_array(disk.related.snapshots)

# unreadable_snapshot names a usable snapshot whose CreateTime cannot be read.
unreadable_snapshot(disk) := s.SnapshotId if {
	some s in snapshots(disk)
	not dates.readable(object.get(s, "CreateTime", null))
}

# latest_age is the age in days of a disk's newest usable snapshot; undefined without one.
latest_age(disk) := min(ages) if {
	ages := [dates.age_days(s.CreateTime) | some s in snapshots(disk); dates.readable(object.get(s, "CreateTime", null))]
	count(ages) > 0
}

# why_unknown says why tsa cannot tell whether an unprotected-looking disk is protected.
why_unknown(disk) := "AutoSnapshotPolicyIds is absent or null: the disk's scheduled snapshot policies were not returned" if {
	not bound(disk)
} else := sprintf("snapshot policy %s is not in the inventory or has no IsActivated", [concat(", ", unsure(disk))]) if {
	not protected(disk)
	count(unsure(disk)) > 0
} else := "the disk's snapshots were not read (related.snapshots)" if {
	not protected(disk)
	not snapshots(disk)
} else := sprintf("snapshot %s has an unreadable CreateTime", [unreadable_snapshot(disk)]) if {
	not protected(disk)
	unreadable_snapshot(disk)
}
