package tsa.rules.cvm.disk_usage_high_test

import data.tsa.lib.testing
import data.tsa.rules.cvm.disk_usage_high as rule

params := {"TSA-CVM-104": {"warn_percent": 80, "high_percent": 90, "window_days": 7}}

inst := {"id": "ins-1", "name": "web"}

run(values) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cvm.instance": [inst], "monitor.metric": [testing.metric("cvm_disk", "ins-1", values)]}}
}

test_above_high_fails_high if {
	some f in run([50, 60, 70, 95])
	f.severity == "high"
	f.evidence.peak_percent == 95
}

test_warn_threshold_itself_fails_medium if {
	some f in run([50, 80])
	f.severity == "medium"
}

test_high_threshold_itself_is_high if {
	some f in run([90])
	f.severity == "high"
}

test_below_warn_passes if {
	count(run([79.9, 50])) == 0
}

test_old_peak_outside_window_passes if {
	count(run(array.concat([95], testing.repeat(40, 7)))) == 0
}

test_nulls_ignored if {
	count(run([null, null])) == 0
	some f in run([null, 85, null])
	f.severity == "medium"
}

test_no_series_not_failed if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cvm.instance": [inst]}}
}

test_series_of_another_instance_ignored if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cvm.instance": [inst], "monitor.metric": [testing.metric("cvm_disk", "ins-2", [99])]}}
}
