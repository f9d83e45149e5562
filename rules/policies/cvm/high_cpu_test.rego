package tsa.rules.cvm.high_cpu_test

import data.tsa.lib.testing
import data.tsa.rules.cvm.high_cpu as rule

params := {"TSA-CVM-401": {"max_percent": 90, "min_days": 4, "window_days": 14}}

avg(means) := object.union(testing.metric("cvm_cpu_avg", "ins-1", []), {"data": {"Period": 3600, "DailyMeans": means}})

inp(ms) := {"params": params, "resources": {"cvm.instance": [{"id": "ins-1", "name": "api"}], "monitor.metric": ms}}

run(ms) := r if {
	r := rule.deny with input as inp(ms)
}

unknowns(ms) := r if {
	r := rule.unknown with input as inp(ms)
}

test_four_hot_days_fail if {
	some f in run([avg([95, 91, 20, 99, 93])])
	f.evidence.days_over == 4
}

test_three_hot_days_pass if {
	count(run([avg([95, 91, 20, 99])])) == 0
}

test_threshold_itself_is_not_over if {
	count(run([avg([90, 90, 90, 90, 90])])) == 0
}

test_only_the_window_counts if {
	count(run([avg(array.concat(testing.repeat(99, 4), testing.repeat(10, 14)))])) == 0
}

# The old rule read the daily maximum as the average: high maxima with low means pass.
test_high_maxima_low_means_pass if {
	ms := [testing.metric("cvm_cpu", "ins-1", [99, 99, 99, 99, 99]), avg([30, 30, 30, 30, 30])]
	count(run(ms)) == 0
	count(unknowns(ms)) == 0
}

# Without the hourly series, high daily maxima are unknown, never a finding nor a pass.
test_high_maxima_without_means_are_unknown if {
	ms := [testing.metric("cvm_cpu", "ins-1", [99, 99, 99, 99, 99])]
	count(run(ms)) == 0
	count(unknowns(ms)) == 1
}

# Low maxima show the averages are low too.
test_low_maxima_without_means_pass if {
	ms := [testing.metric("cvm_cpu", "ins-1", [50, 60, 99, 70, 99])]
	count(run(ms)) == 0
	count(unknowns(ms)) == 0
}

test_no_series_not_failed if {
	count(run([])) == 0
}

test_empty_and_null_means_pass if {
	count(run([avg([])])) == 0
	count(run([avg([null, null, null, null])])) == 0
}
