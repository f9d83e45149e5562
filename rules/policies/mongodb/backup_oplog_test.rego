package tsa.rules.mongodb.backup_oplog_test

import data.tsa.lib.testing
import data.tsa.rules.mongodb.backup_oplog as rule

params := {"TSA-MONGODB-102": {"max_backup_age_days": 8, "min_oplog_hours": 24, "window_days": 7}}

now := "2026-11-27T00:00:00Z"

backup(start, status) := {"BackupName": sprintf("b-%s", [start]), "StartTime": start, "Status": status, "BackupType": 0}

inst(backups) := {"id": "cmgo-1", "name": "docs", "data": {}, "related": {"backups": backups}}

run(i, series) := r if {
	r := rule.deny with input as {"now": now, "params": params, "resources": {"mongodb.instance": [i], "monitor.metric": series}}
}

test_last_backup_failed_fails_high if {
	some f in run(inst([backup("2026-11-25 02:00:00", 2), backup("2026-11-26 02:00:00", 3)]), [])
	f.severity == "high"
	some p in f.evidence.problems
	p.problem == "last backup failed"
	p.Status == 3
}

test_running_backup_ignored_for_last_result if {
	count(run(inst([backup("2026-11-26 02:00:00", 2), backup("2026-11-26 20:00:00", 1)]), [])) == 0
}

test_no_backups_fails_medium if {
	some f in run(inst([]), [])
	f.severity == "medium"
}

test_stale_success_fails_medium if {
	some f in run(inst([backup("2026-11-10 02:00:00", 2)]), [])
	f.severity == "medium"
	some p in f.evidence.problems
	p.problem == "no successful backup in 8 days"
}

test_success_exactly_eight_days_ago_passes if {
	# 2026-11-19 08:00 China time is exactly 8 days before now.
	count(run(inst([backup("2026-11-19 08:00:00", 2)]), [])) == 0
}

# The old rule (a 2-day limit, high) raised HIGH on a valid weekly schedule.
test_weekly_schedule_passes if {
	count(run(inst([backup("2026-11-13 03:00:00", 2), backup("2026-11-20 03:00:00", 2)]), [])) == 0
}

test_short_oplog_fails_medium if {
	some f in run(inst([backup("2026-11-26 02:00:00", 2)]), [testing.metric("mongodb_oplog_hours", "cmgo-1", [48, 30, 12, 40])])
	f.severity == "medium"
	f.evidence.problems == {{"problem": "oplog window too short", "severity": "medium", "min_oplog_hours": 12}}
}

test_oplog_at_minimum_passes if {
	count(run(inst([backup("2026-11-26 02:00:00", 2)]), [testing.metric("mongodb_oplog_hours", "cmgo-1", [24, 30])])) == 0
}

unknown(i, series) := r if {
	r := rule.unknown with input as {"now": now, "params": params, "resources": {"mongodb.instance": [i], "monitor.metric": series}}
}

test_unread_backups_unknown if {
	i := {"id": "cmgo-1", "name": "docs", "data": {}, "related": {}}
	oplog := [testing.metric("mongodb_oplog_hours", "cmgo-1", [48])]
	count(run(i, oplog)) == 0
	some u in unknown(i, oplog)
	contains(u.reason, "DescribeDBBackups")
	count(unknown({"id": "cmgo-1", "name": "docs", "data": {}, "related": {"backups": null}}, oplog)) == 1
}

test_missing_oplog_series_unknown if {
	some u in unknown(inst([backup("2026-11-26 02:00:00", 2)]), [])
	u.reason == "Cloud Monitor returned no data for mongodb_oplog_hours of cmgo-1"
	count(unknown(inst([backup("2026-11-26 02:00:00", 2)]), [testing.metric("mongodb_oplog_hours", "cmgo-1", [30])])) == 0
}

test_odd_backup_entries_ignored if {
	some f in run(inst([null, {"Status": 2}, backup("", 2)]), [])
	f.severity == "medium"
}
