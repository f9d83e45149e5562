package tsa.rules.cdb.high_load_test

import data.tsa.lib.testing
import data.tsa.rules.cdb.high_load as rule

params := {"TSA-CDB-401": {"max_cpu_percent": 80, "threads_per_core": 2, "min_days": 4, "window_days": 14}}

run(d, series) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-1", "name": "orders", "data": d}], "monitor.metric": series}}
}

test_high_cpu_fails if {
	some f in run({"Cpu": 4}, [testing.metric("cdb_cpu", "cdb-1", [81, 90, 95, 99, 10])])
	f.evidence.problems == {{"metric": "cdb_cpu", "days_over": 4, "threshold": 80}}
}

test_cpu_threshold_itself_passes if {
	count(run({"Cpu": 4}, [testing.metric("cdb_cpu", "cdb-1", testing.repeat(80, 14))])) == 0
}

test_threads_over_twice_the_cores_fail if {
	some f in run({"Cpu": 4}, [testing.metric("cdb_threads_running", "cdb-1", [9, 9, 9, 9, 8])])
	some p in f.evidence.problems
	p.threshold == 8
	p.days_over == 4
}

test_threads_at_twice_the_cores_pass if {
	count(run({"Cpu": 4}, [testing.metric("cdb_threads_running", "cdb-1", testing.repeat(8, 14))])) == 0
}

test_both_problems_make_one_finding if {
	r := run({"Cpu": 2}, [testing.metric("cdb_cpu", "cdb-1", testing.repeat(95, 4)), testing.metric("cdb_threads_running", "cdb-1", testing.repeat(5, 4))])
	count(r) == 1
	some f in r
	count(f.evidence.problems) == 2
	contains(f.message, "cdb_cpu and cdb_threads_running")
}

test_threads_without_cpu_count_not_assessed if {
	count(run({}, [testing.metric("cdb_threads_running", "cdb-1", testing.repeat(100, 14))])) == 0
	count(run({"Cpu": null}, [testing.metric("cdb_threads_running", "cdb-1", testing.repeat(100, 14))])) == 0
}

test_no_series_not_failed if {
	count(run({"Cpu": 4}, [])) == 0
}

test_no_cpu_series_unknown if {
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-1", "name": "x", "data": {"Cpu": 4}}], "monitor.metric": []}}
}

test_missing_core_count_unknown if {
	series := [testing.metric("cdb_cpu", "cdb-1", [10, 10, 10, 10])]
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-1", "name": "x", "data": {"Cpu": null}}], "monitor.metric": series}}
	count(rule.unknown) == 0 with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-1", "name": "x", "data": {"Cpu": 4}}], "monitor.metric": series}}
}
