package tsa.rules.vpc.eip_unbound_test

import data.tsa.rules.vpc.eip_unbound as rule

params := {"TSA-VPC-301": {"idle_statuses": ["UNBIND", "BIND_ENI"]}}

run(d) := r if {
	r := rule.deny with input as {"params": params, "resources": {"vpc.address": [{"id": "eip-1", "name": "spare", "data": d}]}}
}

test_unbound_fails if {
	some f in run({"AddressStatus": "UNBIND", "AddressIp": "1.2.3.4"})
	f.evidence.AddressStatus == "UNBIND"
}

test_dangling_eni_fails if {
	count(run({"AddressStatus": "BIND_ENI"})) == 1
}

test_bound_and_transient_pass if {
	count(run({"AddressStatus": "BIND", "InstanceId": "ins-1"})) == 0
	count(run({"AddressStatus": "CREATING"})) == 0
}

test_missing_or_null_status_not_failed if {
	count(run({})) == 0
	count(run({"AddressStatus": null})) == 0
}

test_missing_status_is_unknown if {
	inp := {"params": {"TSA-VPC-301": {"idle_statuses": ["UNBIND", "BIND_ENI"]}}, "resources": {"vpc.address": [{"id": "eip-x", "name": "x", "data": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
