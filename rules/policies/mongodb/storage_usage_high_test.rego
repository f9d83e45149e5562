package tsa.rules.mongodb.storage_usage_high_test

import data.tsa.rules.mongodb.storage_usage_high as rule

params := {"TSA-MONGODB-202": {"medium_pct": 80, "high_pct": 95}}

db(used, volume) := {"id": "cmgo-test0001", "name": "catalog", "data": {"InstanceId": "cmgo-test0001", "UsedVolume": used, "Volume": volume}}

series(values) := {"id": "m", "name": "mongodb_disk", "data": {"Dimensions": [{"Name": "target", "Value": "cmgo-test0001"}], "Values": values, "Subject": "cmgo-test0001"}}

run(d, metrics) := r if {
	r := rule.deny with input as {"params": params, "resources": {"mongodb.instance": [d], "monitor.metric": metrics}}
}

test_metric_85_pct_fails_medium if {
	some f in run(db(100, 1000), [series([80, 85])])
	f.severity == "medium"
	f.evidence.source == "mongodb_disk"
	contains(f.message, "85% full")
}

test_metric_overrides_volume_figures if {
	count(run(db(990, 1000), [series([50])])) == 0
}

test_volume_figures_without_metric if {
	some f in run(db(960, 1000), [])
	f.severity == "high"
	f.evidence.source == "UsedVolume/Volume"
}

test_boundaries if {
	some f in run(db(0, 0), [series([95])])
	f.severity == "high"
	some g in run(db(0, 0), [series([80])])
	g.severity == "medium"
	count(run(db(0, 0), [series([79])])) == 0
}

test_zero_volume_passes if {
	count(run(db(10, 0), [])) == 0
}

test_missing_figures_pass if {
	count(run({"id": "cmgo-x", "name": "x", "data": {}}, [])) == 0
}

test_no_usage_unknown if {
	count(run(db(null, null), [])) == 0
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"mongodb.instance": [db(null, null)], "monitor.metric": []}}
	count(rule.unknown) == 0 with input as {"params": params, "resources": {"mongodb.instance": [db(10, 100)], "monitor.metric": []}}
}
