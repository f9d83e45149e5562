package tsa.rules.cvm.high_cpu_test

import data.tsa.lib.testing
import data.tsa.rules.cvm.high_cpu as rule

params := {"TSA-CVM-401": {"max_percent": 90, "min_days": 4, "window_days": 14}}

run(values) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cvm.instance": [{"id": "ins-1", "name": "api"}], "monitor.metric": [testing.metric("cvm_cpu", "ins-1", values)]}}
}

test_four_hot_days_fail if {
	some f in run([95, 91, 20, 99, 93])
	f.evidence.days_over == 4
}

test_three_hot_days_pass if {
	count(run([95, 91, 20, 99])) == 0
}

test_threshold_itself_is_not_over if {
	count(run([90, 90, 90, 90, 90])) == 0
}

test_only_the_window_counts if {
	count(run(array.concat(testing.repeat(99, 4), testing.repeat(10, 14)))) == 0
}

test_no_series_not_failed if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cvm.instance": [{"id": "ins-1", "name": "api"}]}}
}

test_empty_and_null_values_pass if {
	count(run([])) == 0
	count(run([null, null, null, null])) == 0
}
