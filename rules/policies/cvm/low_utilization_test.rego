package tsa.rules.cvm.low_utilization_test

import data.tsa.lib.testing
import data.tsa.rules.cvm.low_utilization as rule

params := {"TSA-CVM-301": {"max_cpu_percent": 10, "max_network_mb_per_day": 5, "min_days": 4, "window_days": 14}}

inst := {"id": "ins-1", "name": "batch"}

run(ms) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cvm.instance": [inst], "monitor.metric": ms}}
}

unknowns(ms) := r if {
	r := rule.unknown with input as {"params": params, "resources": {"cvm.instance": [inst], "monitor.metric": ms}}
}

avg(key, means) := object.union(testing.metric(key, "ins-1", []), {"data": {"Period": 3600, "DailyMeans": means}})

# The old rule read daily maxima as averages: a day with a 50 % peak but a 3 % mean is idle.
test_means_judge_the_day if {
	ms := [
		testing.metric("cvm_cpu", "ins-1", [50, 50, 50, 50]), avg("cvm_cpu_avg", [3, 3, 3, 3]),
		testing.metric("cvm_lan_out", "ins-1", [0, 0, 0, 0]), avg("cvm_lan_out_avg", [0, 0, 0, 0]),
	]
	some f in run(ms)
	f.evidence.statistic == "daily mean of hourly values"
}

test_busy_means_pass if {
	ms := [avg("cvm_cpu_avg", [30, 30, 30, 30]), avg("cvm_lan_out_avg", [0, 0, 0, 0])]
	count(run(ms)) == 0
	count(unknowns(ms)) == 0
}

test_high_maxima_without_means_are_unknown if {
	ms := [testing.metric("cvm_cpu", "ins-1", [50, 50, 50, 50]), testing.metric("cvm_lan_out", "ins-1", [0, 0, 0, 0])]
	count(run(ms)) == 0
	count(unknowns(ms)) == 1
}

# 0.0004 Mbps average is 4.32 MB a day; 0.0005 Mbps is 5.4 MB.
test_four_idle_days_fail if {
	r := run([testing.metric("cvm_cpu", "ins-1", [50, 2, 3, 4, 5]), testing.metric("cvm_lan_out", "ins-1", [1, 0.0004, 0, 0, 0])])
	some f in r
	f.evidence.low_days == 4
}

test_three_idle_days_pass if {
	count(run([avg("cvm_cpu_avg", [50, 50, 3, 4, 5]), avg("cvm_lan_out_avg", [0, 0, 0, 0, 0])])) == 0
}

test_cpu_boundary_counts if {
	count(run([testing.metric("cvm_cpu", "ins-1", [10, 10, 10, 10]), testing.metric("cvm_lan_out", "ins-1", [0, 0, 0, 0])])) == 1
}

test_network_over_limit_is_busy if {
	count(run([avg("cvm_cpu_avg", [1, 1, 1, 1]), avg("cvm_lan_out_avg", [0.0005, 0.0005, 0.0005, 0.0005])])) == 0
}

test_public_and_private_traffic_add_up if {
	count(run([
		testing.metric("cvm_cpu", "ins-1", [1, 1, 1, 1]),
		testing.metric("cvm_lan_out", "ins-1", [0.0003, 0.0003, 0.0003, 0.0003]),
		testing.metric("cvm_wan_out", "ins-1", [0.0003, 0.0003, 0.0003, 0.0003]),
	])) == 0
}

test_days_align_from_the_newest if {
	# The network series is shorter; its 4 days line up with the last 4 CPU days.
	count(run([testing.metric("cvm_cpu", "ins-1", [90, 90, 1, 1, 1, 1]), testing.metric("cvm_lan_out", "ins-1", [0, 0, 0, 0])])) == 1
}

test_null_days_are_not_low if {
	count(run([testing.metric("cvm_cpu", "ins-1", [1, null, 1, 1]), testing.metric("cvm_lan_out", "ins-1", [0, 0, 0, 0])])) == 0
}

test_without_network_series_is_unknown if {
	count(run([testing.metric("cvm_cpu", "ins-1", [1, 1, 1, 1])])) == 0
	count(unknowns([testing.metric("cvm_cpu", "ins-1", [1, 1, 1, 1])])) == 1
}

test_without_cpu_series_not_failed if {
	count(run([testing.metric("cvm_lan_out", "ins-1", [0, 0, 0, 0])])) == 0
}
