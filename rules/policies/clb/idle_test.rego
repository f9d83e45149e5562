package tsa.rules.clb.idle_test

import data.tsa.lib.testing
import data.tsa.rules.clb.idle as rule

params := {"TSA-CLB-301": {"max_daily_requests": 100, "idle_days": 7}}

lb(related) := {"id": "lb-1", "name": "old", "data": {}, "related": related}

run(x, series) := r if {
	r := rule.deny with input as {"params": params, "resources": {"clb.load_balancer": [x], "monitor.metric": series}}
}

busy := [{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80, "Targets": [{"InstanceId": "ins-1", "Port": 80}]}]

test_no_listeners_fails if {
	some f in run(lb({"targets": []}), [])
	f.evidence.reasons == {"no real server is bound"}
}

test_listeners_without_targets_fail if {
	count(run(lb({"targets": [{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80, "Targets": null}, {"ListenerId": "lbl-2", "Protocol": "HTTP", "Rules": [{"LocationId": "loc-1"}]}]}), [])) == 1
}

test_bound_target_passes if {
	count(run(lb({"targets": busy}), [])) == 0
}

test_few_requests_for_a_week_fail if {
	some f in run(lb({"targets": busy}), [testing.metric("clb_requests", "lb-1", array.concat([5000], testing.repeat(100, 7)))])
	f.evidence.reasons == {"at most 100 requests a day for the last 7 days"}
}

test_one_busy_day_passes if {
	count(run(lb({"targets": busy}), [testing.metric("clb_requests", "lb-1", array.concat(testing.repeat(0, 6), [101]))])) == 0
}

test_unread_targets_not_failed if {
	count(run(lb({}), [])) == 0
	count(run(lb({"targets": null}), [])) == 0
}

test_quiet_traffic_counts_even_when_targets_unread if {
	some f in run(lb({"targets": null}), [testing.metric("clb_requests", "lb-1", testing.repeat(0, 7))])
	f.evidence.listeners == 0
}

test_targets_not_read_is_unknown if {
	inp := {"params": {"TSA-CLB-301": {"max_daily_requests": 10, "idle_days": 7}}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {}, "related": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
