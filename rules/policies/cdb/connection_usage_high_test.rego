package tsa.rules.cdb.connection_usage_high_test

import data.tsa.rules.cdb.connection_usage_high as rule

params := {"TSA-CDB-203": {"threshold_pct": 80}}

series(d) := {"id": "m", "name": "cdb_connection_use", "data": object.union({"Dimensions": [{"Name": "InstanceId", "Value": "cdb-test0001"}], "Subject": "cdb-test0001"}, d)}

run(metrics) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-test0001", "name": "orders", "data": {}}], "monitor.metric": metrics}}
}

test_peak_above_threshold_fails if {
	some f in run([series({"Values": [40, 50], "MaxValues": [60, 92.5]})])
	f.evidence.peak_pct == 92.5
	contains(f.message, "92.5% of max_connections")
}

test_daily_values_used_without_peaks if {
	count(run([series({"Values": [40, 85]})])) == 1
}

test_exactly_threshold_fails if {
	count(run([series({"Values": [80]})])) == 1
}

test_below_threshold_passes if {
	count(run([series({"Values": [70, 79], "MaxValues": [75, 79.9]})])) == 0
}

test_numbers_as_strings_are_read if {
	count(run([series({"Values": ["81"]})])) == 1
}

test_empty_or_null_series_passes if {
	count(run([series({"Values": []})])) == 0
	count(run([series({"Values": null, "MaxValues": null})])) == 0
}

test_no_metric_passes if {
	count(run([])) == 0
}

test_no_series_unknown if {
	count(run([])) == 0
	some u in rule.unknown with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-test0001", "name": "orders", "data": {}}], "monitor.metric": []}}
	u.reason == "Cloud Monitor returned no data for cdb_connection_use of cdb-test0001"
}
