package tsa.rules.cbs.idle_disk_test

import data.tsa.lib.testing
import data.tsa.rules.cbs.idle_disk as rule

params := {"TSA-CBS-301": {"unattached_days": 5, "max_daily_iops": 1, "idle_days": 7}}

now := "2026-11-27T00:00:00Z"

disk(d) := {"id": "disk-1", "name": "old-data", "data": object.union({"DiskSize": 100}, d)}

run(d, ms) := r if {
	r := rule.deny with input as {"now": now, "params": params, "resources": {"cbs.disk": [disk(d)], "monitor.metric": ms}}
}

test_unattached_for_days_fails if {
	some f in run({"Attached": false, "DiskState": "UNATTACHED", "CreateTime": "2026-11-01 08:00:00"}, [])
	f.evidence.age_days == 26
}

test_unattached_exactly_five_days_fails if {
	count(run({"Attached": false, "CreateTime": "2026-11-22 08:00:00"}, [])) == 1
}

test_new_unattached_disk_passes if {
	count(run({"Attached": false, "CreateTime": "2026-11-23 08:00:00"}, [])) == 0
}

test_unattached_without_create_time_not_failed if {
	count(run({"Attached": false}, [])) == 0
	count(run({"Attached": false, "CreateTime": null}, [])) == 0
}

test_attached_idle_week_fails if {
	some f in run({"Attached": true, "InstanceId": "ins-1"}, [
		testing.metric("cbs_read_iops", "disk-1", array.concat([500], testing.repeat(0.5, 7))),
		testing.metric("cbs_write_iops", "disk-1", testing.repeat(0.5, 7)),
	])
	f.evidence.daily_iops == testing.repeat(1, 7)
}

test_attached_one_busy_day_passes if {
	count(run({"Attached": true}, [
		testing.metric("cbs_read_iops", "disk-1", array.concat(testing.repeat(0, 6), [1.1])),
		testing.metric("cbs_write_iops", "disk-1", testing.repeat(0, 7)),
	])) == 0
}

test_attached_short_history_not_failed if {
	count(run({"Attached": true}, [
		testing.metric("cbs_read_iops", "disk-1", testing.repeat(0, 6)),
		testing.metric("cbs_write_iops", "disk-1", testing.repeat(0, 7)),
	])) == 0
}

test_attached_with_a_day_missing_not_failed if {
	count(run({"Attached": true}, [
		testing.metric("cbs_read_iops", "disk-1", array.concat([0], testing.repeat(0, 6))),
		testing.metric("cbs_write_iops", "disk-1", array.concat(testing.repeat(0, 6), [null])),
	])) == 0
}

test_attached_without_series_not_failed if {
	count(run({"Attached": true}, [])) == 0
	count(run({"Attached": true}, [testing.metric("cbs_read_iops", "disk-1", testing.repeat(0, 7))])) == 0
}

test_attached_unknown_is_unknown if {
	inp := {"now": "2026-11-27T00:00:00Z", "params": {"TSA-CBS-301": {"unattached_days": 5, "max_daily_iops": 1, "idle_days": 7}}, "resources": {"cbs.disk": [{"id": "disk-x", "name": "x", "data": {"CreateTime": "2026-01-01 00:00:00"}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_short_idle_series_is_unknown if {
	inp := {"now": "2026-11-27T00:00:00Z", "params": {"TSA-CBS-301": {"unattached_days": 5, "max_daily_iops": 1, "idle_days": 7}}, "resources": {"cbs.disk": [{"id": "disk-1", "name": "x", "data": {"Attached": true}}], "monitor.metric": [testing.metric("cbs_read_iops", "disk-1", [0, 0, 0]), testing.metric("cbs_write_iops", "disk-1", [0, 0, 0])]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
