package tsa.rules.mongodb.idle_test

import data.tsa.lib.testing
import data.tsa.rules.mongodb.idle as rule

params := {"TSA-MONGODB-301": {"max_connections": 0, "idle_days": 7}}

run(series) := r if {
	r := rule.deny with input as {"params": params, "resources": {"mongodb.instance": [{"id": "cmgo-1", "name": "old"}], "monitor.metric": series}}
}

test_idle_week_fails if {
	some f in run([testing.metric("mongodb_connections", "cmgo-1", testing.repeat(0, 14))])
	f.evidence.daily_values == testing.repeat(0, 7)
}

test_a_connection_passes if {
	count(run([testing.metric("mongodb_connections", "cmgo-1", array.concat(testing.repeat(0, 6), [2]))])) == 0
}

test_threshold_is_inclusive if {
	count(rule.deny) == 1 with input as {"params": {"TSA-MONGODB-301": {"max_connections": 2, "idle_days": 7}}, "resources": {"mongodb.instance": [{"id": "cmgo-1", "name": "old"}], "monitor.metric": [testing.metric("mongodb_connections", "cmgo-1", testing.repeat(2, 7))]}}
}

test_short_or_missing_series_not_failed if {
	count(run([testing.metric("mongodb_connections", "cmgo-1", testing.repeat(0, 6))])) == 0
	count(run([])) == 0
}

test_short_or_missing_series_unknown if {
	i := {"id": "cmgo-1", "name": "x", "data": {}}
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"mongodb.instance": [i], "monitor.metric": []}}
}
