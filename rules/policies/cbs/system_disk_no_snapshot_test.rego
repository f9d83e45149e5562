package tsa.rules.cbs.system_disk_no_snapshot_test

import data.tsa.rules.cbs.system_disk_no_snapshot as rule

params := {"TSA-CBS-102": {"max_age_days": 30}}

now := "2026-11-27T00:00:00Z"

disk(d, snapshots) := {"id": "disk-sys1", "name": "sys", "data": object.union({"DiskUsage": "SYSTEM_DISK", "InstanceId": "ins-1", "SnapshotAbility": true, "AutoSnapshotPolicyIds": []}, d), "related": {"snapshots": snapshots}}

policies := [{"id": "asp-1", "data": {"IsActivated": true}}, {"id": "asp-off", "data": {"IsActivated": false}}]

inp(x) := {"now": now, "params": params, "resources": {"cbs.disk": [x], "cbs.auto_snapshot_policy": policies}}

run(x) := r if {
	r := rule.deny with input as inp(x)
}

unknowns(x) := r if {
	r := rule.unknown with input as inp(x)
}

snap(created) := {"SnapshotId": "snap-1", "SnapshotState": "NORMAL", "CreateTime": created}

test_no_snapshot_fails if {
	some f in run(disk({}, []))
	f.evidence.latest_snapshot_age_days == null
	contains(f.message, "ins-1")
}

test_old_snapshot_fails if {
	some f in run(disk({"AutoSnapshotPolicyIds": []}, [snap("2026-10-01 08:00:00")]))
	f.evidence.latest_snapshot_age_days == 57
}

test_snapshot_exactly_max_age_passes if {
	# 2026-10-28 08:00 China time is 2026-10-28T00:00Z: exactly 30 days before now.
	count(run(disk({}, [snap("2026-10-28 08:00:00")]))) == 0
}

test_policy_bound_passes if {
	count(run(disk({"AutoSnapshotPolicyIds": ["asp-1"]}, []))) == 0
}

test_data_disk_not_in_scope if {
	count(run(disk({"DiskUsage": "DATA_DISK"}, []))) == 0
}

test_failed_snapshots_do_not_count if {
	count(run(disk({}, [{"SnapshotState": "FAILED", "CreateTime": "2026-11-26 10:00:00"}]))) == 1
}

test_switched_off_policy_fails if {
	count(run(disk({"AutoSnapshotPolicyIds": ["asp-off"]}, []))) == 1
}

test_snapshot_without_time_is_unknown if {
	d := disk({}, [{"SnapshotId": "snap-9", "SnapshotState": "NORMAL"}])
	count(run(d)) == 0
	count(unknowns(d)) == 1
}

test_policy_ids_absent_is_unknown if {
	d := {"id": "disk-sys1", "name": "sys", "data": {"DiskUsage": "SYSTEM_DISK", "SnapshotAbility": true}, "related": {"snapshots": []}}
	count(run(d)) == 0
	count(unknowns(d)) == 1
}

test_null_snapshot_entries_ignored if {
	count(run(disk({}, [null, snap("2026-11-26 08:00:00")]))) == 0
}

test_unsnapshottable_disk_not_failed if {
	count(run(disk({"SnapshotAbility": false}, []))) == 0
}

test_unread_snapshots_is_unknown if {
	d := object.union(disk({}, []), {"related": {"snapshots": null}})
	count(run(d)) == 0
	count(unknowns(d)) == 1
}
