package tsa.rules.mongodb.backup_oplog_test

import data.tsa.lib.testing
import data.tsa.rules.mongodb.backup_oplog as rule

params := {"TSA-MONGODB-102": {"max_backup_age_days": 2, "min_oplog_hours": 24, "window_days": 7}}

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

test_no_backups_fails_high if {
	some f in run(inst([]), [])
	f.severity == "high"
}

test_stale_success_fails if {
	some f in run(inst([backup("2026-11-20 02:00:00", 2)]), [])
	some p in f.evidence.problems
	p.problem == "no successful backup in 2 days"
}

test_success_exactly_two_days_ago_passes if {
	# 2026-11-25 08:00 China time is exactly 2 days before now.
	count(run(inst([backup("2026-11-25 08:00:00", 2)]), [])) == 0
}

test_short_oplog_fails_medium if {
	some f in run(inst([backup("2026-11-26 02:00:00", 2)]), [testing.metric("mongodb_oplog_hours", "cmgo-1", [48, 30, 12, 40])])
	f.severity == "medium"
	f.evidence.problems == {{"problem": "oplog window too short", "min_oplog_hours": 12}}
}

test_oplog_at_minimum_passes if {
	count(run(inst([backup("2026-11-26 02:00:00", 2)]), [testing.metric("mongodb_oplog_hours", "cmgo-1", [24, 30])])) == 0
}

test_unread_backups_not_failed if {
	count(run({"id": "cmgo-1", "name": "docs", "data": {}, "related": {}}, [])) == 0
}

test_odd_backup_entries_ignored if {
	some f in run(inst([null, {"Status": 2}, backup("", 2)]), [])
	f.severity == "high"
}
