package tsa.rules.vpc.eip_1mbps_test

import data.tsa.rules.vpc.eip_1mbps as rule

params := {"TSA-VPC-101": {"max_mbps": 1}}

run(d) := r if {
	r := rule.deny with input as {"params": params, "resources": {"vpc.address": [{"id": "eip-1", "name": "web", "data": d}]}}
}

test_bound_one_mbps_fails if {
	some f in run({"AddressStatus": "BIND", "Bandwidth": 1, "AddressIp": "1.2.3.4", "InstanceId": "ins-1"})
	f.evidence.Bandwidth == 1
}

test_more_bandwidth_passes if {
	count(run({"AddressStatus": "BIND", "Bandwidth": 2})) == 0
}

test_unbound_not_in_scope if {
	count(run({"AddressStatus": "UNBIND", "Bandwidth": 1})) == 0
}

test_missing_or_null_bandwidth_not_failed if {
	count(run({"AddressStatus": "BIND"})) == 0
	count(run({"AddressStatus": "BIND", "Bandwidth": null})) == 0
}

test_missing_status_or_bandwidth_is_unknown if {
	inp := {"params": {"TSA-VPC-101": {"max_mbps": 1}}, "resources": {"vpc.address": [
		{"id": "eip-a", "name": "a", "data": {"Bandwidth": 1}},
		{"id": "eip-b", "name": "b", "data": {"AddressStatus": "BIND"}},
	]}}
	count(rule.deny) == 0 with input as inp
	{u.resource | some u in rule.unknown} == {"eip-a", "eip-b"} with input as inp
}
