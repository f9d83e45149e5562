package tsa.rules.redis.high_load_test

import data.tsa.lib.testing
import data.tsa.rules.redis.high_load as rule

params := {"TSA-REDIS-401": {"max_cpu_percent": 80, "min_days": 4, "max_throttle_events": 0, "window_days": 14}}

run(series) := r if {
	r := rule.deny with input as {"params": params, "resources": {"redis.instance": [{"id": "crs-1", "name": "cache"}], "monitor.metric": series}}
}

test_high_cpu_fails if {
	some f in run([testing.metric("redis_cpu", "crs-1", [85, 85, 85, 85])])
	f.evidence.problems == {{"metric": "redis_cpu", "days_over": 4, "threshold": 80}}
}

test_cpu_at_threshold_passes if {
	count(run([testing.metric("redis_cpu", "crs-1", testing.repeat(80, 14))])) == 0
}

test_any_throttle_event_fails if {
	some f in run([testing.metric("redis_proxy_throttle", "crs-1", [0, 0, 3, null])])
	contains(f.message, "3 proxy throttle events")
}

test_no_throttle_passes if {
	count(run([testing.metric("redis_proxy_throttle", "crs-1", testing.repeat(0, 14))])) == 0
	count(run([testing.metric("redis_proxy_throttle", "crs-1", [])])) == 0
}

test_both_in_one_finding if {
	r := run([testing.metric("redis_cpu", "crs-1", testing.repeat(99, 4)), testing.metric("redis_proxy_throttle", "crs-1", [1])])
	count(r) == 1
	some f in r
	count(f.evidence.problems) == 2
}

test_no_series_not_failed if {
	count(run([])) == 0
}

test_no_cpu_series_unknown if {
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"redis.instance": [{"id": "crs-1", "name": "x", "data": {}}], "monitor.metric": []}}
}
