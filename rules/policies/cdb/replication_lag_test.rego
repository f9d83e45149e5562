package tsa.rules.cdb.replication_lag_test

import data.tsa.lib.testing
import data.tsa.rules.cdb.replication_lag as rule

params := {"TSA-CDB-104": {"max_delay_seconds": 30, "min_days": 1, "window_days": 14}}

run(values) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdbro-1", "name": "ro"}], "monitor.metric": [testing.metric("cdb_replication_delay", "cdbro-1", values)]}}
}

test_lagging_day_fails if {
	some f in run([0, 0, 120, 1])
	f.evidence.max_delay_seconds == 120
	f.evidence.days_over == 1
}

test_threshold_itself_passes if {
	count(run([30, 30, 0])) == 0
}

test_no_lag_passes if {
	count(run(testing.repeat(0, 14))) == 0
	count(run([])) == 0
}

test_no_series_not_failed if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdbro-1", "name": "ro"}]}}
}

test_no_series_unknown if {
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-1", "name": "x", "data": {"InstanceNodes": 2}}], "monitor.metric": []}}
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdbro-1", "name": "x", "data": {"InstanceType": 3}}], "monitor.metric": []}}
}

test_single_node_primary_expects_no_delay_series if {
	count(rule.unknown) == 0 with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-1", "name": "x", "data": {"DeviceType": "BASIC"}}], "monitor.metric": []}}
}
