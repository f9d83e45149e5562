package tsa.rules.clb.low_utilization_test

import data.tsa.lib.testing
import data.tsa.rules.clb.low_utilization as rule

params := {"TSA-CLB-302": {"percent": 10, "window_days": 14, "min_days": 7, "max_connections_by_sla": {"clb.c2.medium": 50000}}}

run(sla, series) := r if {
	r := rule.deny with input as {"params": params, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {"SlaType": sla}}], "monitor.metric": series}}
}

test_far_below_spec_fails if {
	some f in run("clb.c2.medium", [testing.metric("clb_connections", "lb-1", array.concat(testing.repeat(100, 6), [4999]))])
	f.evidence.peak_connections == 4999
}

test_series_named_by_vip_joins_on_subject if {
	# Cloud Monitor names a public CLB by its VIP; the collector records the LB id as Subject
	some f in run("clb.c2.medium", [testing.metric_dim("clb_connections", "lb-1", "vip", "203.0.113.10", testing.repeat(40, 14))])
	f.evidence.peak_connections == 40
}

test_ten_percent_passes if {
	count(run("clb.c2.medium", [testing.metric("clb_connections", "lb-1", array.concat(testing.repeat(100, 6), [5000]))])) == 0
}

test_daily_peaks_used if {
	count(run("clb.c2.medium", [testing.metric_max("clb_connections", "lb-1", testing.repeat(10, 7), array.concat(testing.repeat(10, 6), [20000]))])) == 0
}

unknowns(sla, series) := r if {
	r := rule.unknown with input as {"params": params, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {"SlaType": sla}}], "monitor.metric": series}}
}

test_shared_not_assessed if {
	count(run("shared", [testing.metric("clb_connections", "lb-1", testing.repeat(1, 14))])) == 0
	count(unknowns("shared", [testing.metric("clb_connections", "lb-1", testing.repeat(1, 14))])) == 0
}

# The old rule passed a specification missing from its table.
test_spec_not_in_table_is_unknown if {
	count(run("clb.c4.xlarge", [testing.metric("clb_connections", "lb-1", testing.repeat(1, 14))])) == 0
	some u in unknowns("clb.c4.xlarge", [testing.metric("clb_connections", "lb-1", testing.repeat(1, 14))])
	contains(u.reason, "clb.c4.xlarge")
}

test_sla_absent_is_unknown if {
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": {}}], "monitor.metric": [testing.metric("clb_connections", "lb-1", testing.repeat(1, 14))]}}
}

test_short_history_is_unknown if {
	count(run("clb.c2.medium", [testing.metric("clb_connections", "lb-1", testing.repeat(1, 6))])) == 0
	count(unknowns("clb.c2.medium", [testing.metric("clb_connections", "lb-1", testing.repeat(1, 6))])) == 1
	count(run("clb.c2.medium", [])) == 0
}
