package tsa.rules.clb.backend_errors_test

import data.tsa.lib.testing
import data.tsa.rules.clb.backend_errors as rule

params := {"TSA-CLB-401": {"max_5xx_percent": 5, "max_4xx_percent": 5, "min_requests": 1000, "window_days": 7}}

run(series) := r if {
	r := rule.deny with input as {"params": params, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web"}], "monitor.metric": series}}
}

test_many_5xx_fail if {
	some f in run([testing.metric("clb_requests", "lb-1", [1000, 1000]), testing.metric("clb_backend_5xx", "lb-1", [200, 0])])
	f.evidence.problems == {{"metric": "clb_backend_5xx", "errors": 200, "percent": 10, "limit_percent": 5}}
}

test_exactly_five_percent_passes if {
	count(run([testing.metric("clb_requests", "lb-1", [1000, 1000]), testing.metric("clb_backend_5xx", "lb-1", [100, 0]), testing.metric("clb_backend_4xx", "lb-1", [50, 50])])) == 0
}

test_4xx_and_5xx_in_one_finding if {
	r := run([testing.metric("clb_requests", "lb-1", [1000]), testing.metric("clb_backend_5xx", "lb-1", [60]), testing.metric("clb_backend_4xx", "lb-1", [300])])
	count(r) == 1
	some f in r
	count(f.evidence.problems) == 2
}

test_too_few_requests_not_assessed if {
	count(run([testing.metric("clb_requests", "lb-1", [999]), testing.metric("clb_backend_5xx", "lb-1", [999])])) == 0
}

test_only_the_window_counts if {
	count(run([testing.metric("clb_requests", "lb-1", array.concat([1000], testing.repeat(1000, 7))), testing.metric("clb_backend_5xx", "lb-1", array.concat([1000], testing.repeat(0, 7)))])) == 0
}

test_missing_series_not_failed if {
	count(run([testing.metric("clb_backend_5xx", "lb-1", [999])])) == 0
	count(run([testing.metric("clb_requests", "lb-1", [5000])])) == 0
	count(run([])) == 0
}

test_missing_error_series_is_unknown if {
	inp := {"params": {"TSA-CLB-401": {"max_5xx_percent": 1, "max_4xx_percent": 5, "window_days": 7, "min_requests": 100}}, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "x", "data": {}}], "monitor.metric": [testing.metric("clb_requests", "lb-1", [1000, 1000])]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
