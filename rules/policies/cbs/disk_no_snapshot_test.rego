package tsa.rules.cbs.disk_no_snapshot_test

import data.tsa.rules.cbs.disk_no_snapshot as rule

params := {"TSA-CBS-101": {"max_age_days": 30, "warn_age_days": 7}}

now := "2026-11-27T00:00:00Z"

policy(id, on) := {"id": id, "data": {"AutoSnapshotPolicyId": id, "IsActivated": on}}

disk(policies, snapshots) := {"id": "disk-test0001", "name": "data", "data": {"DiskUsage": "DATA_DISK", "SnapshotAbility": true, "AutoSnapshotPolicyIds": policies}, "related": {"snapshots": snapshots}}

inp(d, ps) := {"now": now, "params": params, "resources": {"cbs.disk": [d], "cbs.auto_snapshot_policy": ps}}

run(d) := r if {
	r := rule.deny with input as inp(d, [policy("asp-on", true), policy("asp-off", false)])
}

unknowns(d) := r if {
	r := rule.unknown with input as inp(d, [policy("asp-on", true), policy("asp-off", false)])
}

snap(created) := {"SnapshotId": "snap-1", "SnapshotState": "NORMAL", "CreateTime": created}

test_no_snapshot_no_policy_fails_high if {
	some f in run(disk([], []))
	not f.severity
	contains(f.message, "no snapshot")
}

test_old_snapshot_fails_high if {
	some f in run(disk([], [snap("2026-09-01 10:00:00")]))
	f.severity == "high"
}

test_snapshot_20_days_old_fails_medium if {
	some f in run(disk([], [snap("2026-11-07 08:00:00")]))
	f.severity == "medium"
	f.evidence.latest_snapshot_age_days == 20
}

test_newest_snapshot_counts if {
	count(run(disk([], [snap("2026-09-01 10:00:00"), snap("2026-11-25 10:00:00")]))) == 0
}

test_exactly_warn_age_passes if {
	# 2026-11-20 08:00 China time is 2026-11-20T00:00Z: exactly 7 days before now.
	count(run(disk([], [snap("2026-11-20 08:00:00")]))) == 0
}

test_rfc3339_times_are_read if {
	some f in run(disk([], [snap("2026-11-17T00:00:00Z")]))
	f.evidence.latest_snapshot_age_days == 10
}

test_failed_snapshot_is_ignored if {
	count(run(disk([], [{"SnapshotId": "snap-2", "SnapshotState": "CREATING", "CreateTime": "2026-11-26 10:00:00"}]))) == 1
}

test_active_policy_passes if {
	d := disk(["asp-on"], [])
	count(run(d)) == 0
	count(unknowns(d)) == 0
}

# The old rule counted any bound policy: one switched off (IsActivated false) protects nothing.
test_switched_off_policy_fails if {
	some f in run(disk(["asp-off"], []))
	contains(f.message, "asp-off is switched off")
}

# The old rule raised HIGH on a disk that cannot be snapshotted.
test_disk_without_snapshot_ability_passes if {
	d := object.union(disk([], []), {"data": {"SnapshotAbility": false}})
	count(run(d)) == 0
	count(unknowns(d)) == 0
}

# The old rule reported system disks too, which TSA-CBS-102 reports.
test_system_disk_left_to_cbs_102 if {
	d := object.union(disk([], []), {"data": {"DiskUsage": "SYSTEM_DISK"}})
	count(run(d)) == 0
	count(unknowns(d)) == 0
}

test_policy_not_in_inventory_is_unknown if {
	d := disk(["asp-gone"], [])
	count(run(d)) == 0
	some u in unknowns(d)
	contains(u.reason, "asp-gone")
}

test_policy_ids_absent_is_unknown if {
	d := {"id": "disk-x", "name": "x", "data": {"DiskUsage": "DATA_DISK", "SnapshotAbility": true}, "related": {"snapshots": []}}
	count(run(d)) == 0
	count(unknowns(d)) == 1
}

test_snapshot_ability_absent_is_unknown if {
	d := {"id": "disk-x", "name": "x", "data": {"DiskUsage": "DATA_DISK", "AutoSnapshotPolicyIds": []}, "related": {"snapshots": []}}
	count(run(d)) == 0
	count(unknowns(d)) == 1
}

test_unread_snapshots_is_unknown if {
	d := {"id": "disk-x", "name": "x", "data": {"DiskUsage": "DATA_DISK", "SnapshotAbility": true, "AutoSnapshotPolicyIds": []}, "related": {}}
	count(run(d)) == 0
	count(unknowns(d)) == 1
}

test_unreadable_snapshot_time_is_unknown if {
	d := disk([], [snap("yesterday")])
	count(run(d)) == 0
	count(unknowns(d)) == 1
}
