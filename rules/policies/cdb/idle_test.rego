package tsa.rules.cdb.idle_test

import data.tsa.lib.testing
import data.tsa.rules.cdb.idle as rule

params := {"TSA-CDB-301": {"max_connections": 0, "idle_days": 7}}

run(series) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-1", "name": "old"}], "monitor.metric": series}}
}

test_no_connections_for_a_week_fails if {
	some f in run([testing.metric("cdb_connections", "cdb-1", array.concat([40], testing.repeat(0, 7)))])
	f.evidence.daily_values == testing.repeat(0, 7)
}

test_one_connection_passes if {
	count(run([testing.metric("cdb_connections", "cdb-1", array.concat(testing.repeat(0, 6), [1]))])) == 0
}

test_daily_peak_counts if {
	count(run([testing.metric_max("cdb_connections", "cdb-1", testing.repeat(0, 7), array.concat(testing.repeat(0, 6), [3]))])) == 0
}

test_short_history_not_failed if {
	count(run([testing.metric("cdb_connections", "cdb-1", testing.repeat(0, 6))])) == 0
	count(run([testing.metric("cdb_connections", "cdb-1", array.concat(testing.repeat(0, 6), [null]))])) == 0
}

test_no_series_not_failed if {
	count(run([])) == 0
}

test_short_or_missing_series_unknown if {
	i := {"id": "cdb-1", "name": "x", "data": {}}
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"cdb.instance": [i], "monitor.metric": []}}
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"cdb.instance": [i], "monitor.metric": [testing.metric("cdb_connections", "cdb-1", [0, 0, 0])]}}
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cdb.instance": [i], "monitor.metric": [testing.metric("cdb_connections", "cdb-1", [0, 0, 0])]}}
}
