package tsa.rules.cvm.bandwidth_usage_high_test

import data.tsa.lib.testing
import data.tsa.rules.cvm.bandwidth_usage_high as rule

params := {"TSA-CVM-105": {"percent": 80, "min_days": 3, "window_days": 14}}

inst(cap) := {"id": "ins-1", "name": "web", "data": {"InternetAccessible": {"InternetMaxBandwidthOut": cap}}}

run(cap, series) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cvm.instance": [inst(cap)], "monitor.metric": [series]}}
}

test_three_days_at_cap_fail if {
	some f in run(10, testing.metric("cvm_wan_out", "ins-1", [1, 9, 8, 10, 2]))
	f.evidence.days_at_cap == 3
	f.evidence.peak_mbps == 10
}

test_exactly_80_percent_counts if {
	count(run(10, testing.metric("cvm_wan_out", "ins-1", [8, 8, 8]))) == 1
}

test_two_days_pass if {
	count(run(10, testing.metric("cvm_wan_out", "ins-1", [9, 9, 7.9, 1]))) == 0
}

test_daily_maxima_are_used if {
	count(run(10, testing.metric_max("cvm_wan_out", "ins-1", [1, 1, 1], [9, 9, 9]))) == 1
}

test_zero_or_missing_cap_not_assessed if {
	count(run(0, testing.metric("cvm_wan_out", "ins-1", [9, 9, 9]))) == 0
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cvm.instance": [{"id": "ins-1", "name": "x", "data": {}}], "monitor.metric": [testing.metric("cvm_wan_out", "ins-1", [9, 9, 9])]}}
}

test_no_series_not_failed if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cvm.instance": [inst(10)]}}
}

test_missing_cap_is_unknown if {
	inp := {"params": {"TSA-CVM-105": {"percent": 95, "min_days": 2, "window_days": 14}}, "resources": {"cvm.instance": [{"id": "ins-1", "name": "x", "data": {}}], "monitor.metric": [testing.metric("cvm_wan_out", "ins-1", [100, 100, 100])]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
