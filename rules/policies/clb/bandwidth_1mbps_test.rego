package tsa.rules.clb.bandwidth_1mbps_test

import data.tsa.rules.clb.bandwidth_1mbps as rule

params := {"TSA-CLB-107": {"max_mbps": 1}}

run(d) := r if {
	r := rule.deny with input as {"params": params, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "web", "data": d}]}}
}

test_one_mbps_public_fails if {
	some f in run({"LoadBalancerType": "OPEN", "NetworkAttributes": {"InternetChargeType": "BANDWIDTH_POSTPAID_BY_HOUR", "InternetMaxBandwidthOut": 1}})
	f.evidence.InternetMaxBandwidthOut == 1
}

test_more_bandwidth_passes if {
	count(run({"LoadBalancerType": "OPEN", "NetworkAttributes": {"InternetMaxBandwidthOut": 2}})) == 0
}

test_internal_not_in_scope if {
	count(run({"LoadBalancerType": "INTERNAL", "NetworkAttributes": {"InternetMaxBandwidthOut": 1}})) == 0
}

test_missing_zero_or_null_cap_not_failed if {
	count(run({"LoadBalancerType": "OPEN"})) == 0
	count(run({"LoadBalancerType": "OPEN", "NetworkAttributes": {"InternetMaxBandwidthOut": 0}})) == 0
	count(run({"LoadBalancerType": "OPEN", "NetworkAttributes": null})) == 0
}

test_missing_cap_is_unknown if {
	inp := {"params": {"TSA-CLB-107": {"max_mbps": 1}}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {"LoadBalancerType": "OPEN"}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
