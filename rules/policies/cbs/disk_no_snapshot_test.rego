package tsa.rules.cbs.disk_no_snapshot_test

import data.tsa.rules.cbs.disk_no_snapshot as rule

params := {"TSA-CBS-101": {"max_age_days": 30, "warn_age_days": 7}}

now := "2026-11-27T00:00:00Z"

disk(policies, snapshots) := {"id": "disk-test0001", "name": "data", "data": {"AutoSnapshotPolicyIds": policies}, "related": {"snapshots": snapshots}}

run(d) := r if {
	r := rule.deny with input as {"now": now, "params": params, "resources": {"cbs.disk": [d]}}
}

snap(created) := {"SnapshotId": "snap-1", "SnapshotState": "NORMAL", "CreateTime": created}

test_no_snapshot_no_policy_fails_high if {
	some f in run(disk([], []))
	not f.severity
	contains(f.message, "no snapshot")
}

test_missing_policy_field_fails if {
	count(rule.deny) == 1 with input as {"now": now, "params": params, "resources": {"cbs.disk": [{"id": "disk-x", "name": "x", "data": {}, "related": {"snapshots": []}}]}}
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
	f.severity == "medium"
	f.evidence.latest_snapshot_age_days == 10
}

test_failed_snapshot_is_ignored if {
	count(run(disk([], [{"SnapshotId": "snap-2", "SnapshotState": "CREATING", "CreateTime": "2026-11-26 10:00:00"}]))) == 1
}

test_policy_bound_passes if {
	count(run(disk(["asp-1"], []))) == 0
}

test_unread_snapshots_not_failed if {
	# The collector could not list snapshots: the engine reports unknown, the rule stays silent.
	count(rule.deny) == 0 with input as {"now": now, "params": params, "resources": {"cbs.disk": [{"id": "disk-x", "name": "x", "data": {}, "related": {}}]}}
}
