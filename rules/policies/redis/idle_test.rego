package tsa.rules.redis.idle_test

import data.tsa.lib.testing
import data.tsa.rules.redis.idle as rule

params := {"TSA-REDIS-301": {"max_connections": 0, "idle_days": 7}}

run(series) := r if {
	r := rule.deny with input as {"params": params, "resources": {"redis.instance": [{"id": "crs-1", "name": "old"}], "monitor.metric": series}}
}

test_idle_week_fails if {
	some f in run([testing.metric("redis_connections", "crs-1", testing.repeat(0, 14))])
	f.evidence.daily_values == testing.repeat(0, 7)
}

test_a_connection_passes if {
	count(run([testing.metric("redis_connections", "crs-1", array.concat(testing.repeat(0, 6), [2]))])) == 0
}

test_threshold_is_inclusive if {
	count(rule.deny) == 1 with input as {"params": {"TSA-REDIS-301": {"max_connections": 2, "idle_days": 7}}, "resources": {"redis.instance": [{"id": "crs-1", "name": "old"}], "monitor.metric": [testing.metric("redis_connections", "crs-1", testing.repeat(2, 7))]}}
}

test_short_or_missing_series_not_failed if {
	count(run([testing.metric("redis_connections", "crs-1", testing.repeat(0, 6))])) == 0
	count(run([])) == 0
}

test_short_or_missing_series_unknown if {
	i := {"id": "crs-1", "name": "x", "data": {}}
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"redis.instance": [i], "monitor.metric": []}}
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"redis.instance": [i], "monitor.metric": [testing.metric("redis_connections", "crs-1", [0])]}}
}
