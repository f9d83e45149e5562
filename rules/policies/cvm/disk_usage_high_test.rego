package tsa.rules.cvm.disk_usage_high_test

import data.tsa.lib.testing
import data.tsa.rules.cvm.disk_usage_high as rule

params := {"TSA-CVM-104": {"warn_percent": 80, "high_percent": 90, "window_days": 7}}

inst := {"id": "ins-1", "name": "web"}

# disk is a cvm_disk series at 300 s, as the collector reads it.
disk(values) := object.union(testing.metric("cvm_disk", "ins-1", values), {"data": {"Period": 300}})

run(values) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cvm.instance": [inst], "monitor.metric": [disk(values)]}}
}

unknowns(series) := r if {
	r := rule.unknown with input as {"params": params, "resources": {"cvm.instance": [inst], "monitor.metric": series}}
}

# The old rule took the last 7 values as 7 days: at 300 s that is 35 minutes.
test_window_counts_points_at_the_series_period if {
	# A 95 % peak 6 hours ago (72 points of 300 s) is inside the 7-day window.
	some f in run(array.concat([95], testing.repeat(40, 72)))
	f.evidence.peak_percent == 95
	f.evidence.points == 73
}

test_window_at_daily_period if {
	p := {"TSA-CVM-104": {"warn_percent": 80, "high_percent": 90, "window_days": 7}}
	count(rule.deny) == 0 with input as {"params": p, "resources": {"cvm.instance": [inst], "monitor.metric": [object.union(testing.metric("cvm_disk", "ins-1", array.concat([95], testing.repeat(40, 7))), {"data": {"Period": 86400}})]}}
}

test_missing_period_is_unknown if {
	m := json.remove(disk([95]), ["data/Period"])
	count(unknowns([m])) == 1
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cvm.instance": [inst], "monitor.metric": [m]}}
}

test_only_nulls_is_unknown if {
	count(unknowns([disk([null, null])])) == 1
}

test_above_high_fails_high if {
	some f in run([50, 60, 70, 95])
	f.severity == "high"
	f.evidence.peak_percent == 95
}

test_warn_threshold_itself_fails_medium if {
	some f in run([50, 80])
	f.severity == "medium"
}

test_high_threshold_itself_is_high if {
	some f in run([90])
	f.severity == "high"
}

test_below_warn_passes if {
	count(run([79.9, 50])) == 0
}

test_old_peak_outside_window_passes if {
	count(run(array.concat([95], testing.repeat(40, 2016)))) == 0
}

test_nulls_ignored if {
	count(run([null, null])) == 0
	some f in run([null, 85, null])
	f.severity == "medium"
}

test_no_series_not_failed if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cvm.instance": [inst]}}
}

test_series_of_another_instance_ignored if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cvm.instance": [inst], "monitor.metric": [testing.metric("cvm_disk", "ins-2", [99])]}}
}
