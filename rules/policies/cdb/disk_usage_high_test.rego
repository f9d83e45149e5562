package tsa.rules.cdb.disk_usage_high_test

import data.tsa.rules.cdb.disk_usage_high as rule

params := {"TSA-CDB-202": {"medium_pct": 80, "high_pct": 90, "ceiling_gb": 6000, "ceiling_pct": 80}}

db(volume) := {"id": "cdb-test0001", "name": "orders", "data": {"InstanceId": "cdb-test0001", "Volume": volume}}

series(values) := {"id": "QCE/CDB/volume_rate/cdb-test0001", "name": "cdb_volume", "data": {"Namespace": "QCE/CDB", "MetricName": "VolumeRate", "Period": 86400, "Dimensions": [{"Name": "InstanceId", "Value": "cdb-test0001"}], "Timestamps": [1, 2, 3], "Values": values, "Subject": "cdb-test0001"}}

run(d, metrics) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cdb.instance": [d], "monitor.metric": metrics}}
}

test_disk_85_pct_fails_medium if {
	some f in run(db(500), [series([70, 80, 85])])
	f.severity == "medium"
	contains(f.message, "disk 85% full")
}

test_disk_92_pct_fails_high if {
	some f in run(db(500), [series([92])])
	f.severity == "high"
}

test_latest_value_counts if {
	count(run(db(500), [series([95, 70])])) == 0
}

test_null_values_are_skipped if {
	some f in run(db(500), [series([81, null])])
	f.evidence.problems[0].pct == 81
}

test_boundaries if {
	some f in run(db(500), [series([90])])
	f.severity == "high"
	count(run(db(500), [series([80])])) == 1
	count(run(db(500), [series([79.9])])) == 0
}

test_volume_near_ceiling_fails_medium if {
	some f in run(db(4800), [])
	f.severity == "medium"
	contains(f.message, "storage 4800 GB of the 6000 GB ceiling")
}

test_other_instance_metric_ignored if {
	other := {"id": "m", "name": "cdb_volume", "data": {"Dimensions": [{"Name": "InstanceId", "Value": "cdb-other"}], "Values": [99], "Subject": "cdb-other"}}
	count(run(db(500), [other])) == 0
}

test_other_metric_ignored if {
	cpu := {"id": "m", "name": "cdb_cpu", "data": {"Dimensions": [{"Name": "InstanceId", "Value": "cdb-test0001"}], "Values": [99], "Subject": "cdb-test0001"}}
	count(run(db(500), [cpu])) == 0
}

test_no_metric_small_volume_passes if {
	count(run(db(500), [])) == 0
	count(run(db(null), [series([])])) == 0
}

test_no_series_unknown if {
	count(run(db(100), [])) == 0
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"cdb.instance": [db(100)], "monitor.metric": []}}
	count(rule.unknown) == 0 with input as {"params": params, "resources": {"cdb.instance": [db(100)], "monitor.metric": [series([50])]}}
}
