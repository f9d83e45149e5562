package tsa.rules.mongodb.high_load_test

import data.tsa.lib.testing
import data.tsa.rules.mongodb.high_load as rule

params := {"TSA-MONGODB-401": {"max_dirty_percent": 20, "max_cpu_percent": 80, "min_days": 4, "window_days": 14}}

run(series) := r if {
	r := rule.deny with input as {"params": params, "resources": {"mongodb.instance": [{"id": "cmgo-1", "name": "docs"}], "monitor.metric": series}}
}

test_dirty_cache_fails if {
	some f in run([testing.metric("mongodb_dirty_cache", "cmgo-1", [21, 25, 30, 22, 5])])
	f.evidence.problems == {{"metric": "mongodb_dirty_cache", "threshold": 20, "days_over": 4}}
}

test_dirty_cache_at_threshold_passes if {
	count(run([testing.metric("mongodb_dirty_cache", "cmgo-1", testing.repeat(20, 14))])) == 0
}

test_high_cpu_fails if {
	some f in run([testing.metric("mongodb_cpu", "cmgo-1", testing.repeat(90, 5))])
	contains(f.message, "mongodb_cpu")
}

test_three_days_pass if {
	count(run([testing.metric("mongodb_cpu", "cmgo-1", testing.repeat(90, 3))])) == 0
}

test_both_in_one_finding if {
	r := run([testing.metric("mongodb_cpu", "cmgo-1", testing.repeat(90, 4)), testing.metric("mongodb_dirty_cache", "cmgo-1", testing.repeat(50, 4))])
	count(r) == 1
}

test_no_series_not_failed if {
	count(run([])) == 0
}

test_node_series_joins_on_subject if {
	# dirty cache is read for the primary node <id>_0-node-primary; Subject is the instance id
	some f in run([testing.metric_dim("mongodb_dirty_cache", "cmgo-1", "target", "cmgo-1_0-node-primary", testing.repeat(26, 5))])
	f.resource == "cmgo-1"
}

test_no_cpu_series_unknown if {
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"mongodb.instance": [{"id": "cmgo-1", "name": "x", "data": {}}], "monitor.metric": []}}
}
