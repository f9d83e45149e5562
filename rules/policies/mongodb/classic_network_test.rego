package tsa.rules.mongodb.classic_network_test

import data.tsa.rules.mongodb.classic_network as rule

run(d) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"mongodb.instance": [{"id": "cmgo-1", "name": "docs", "data": d}]}}
}

test_classic_fails if {
	some f in run({"NetType": 0, "VpcId": ""})
	f.evidence.NetType == 0
}

test_vpc_passes if {
	count(run({"NetType": 1, "VpcId": "vpc-1"})) == 0
}

test_missing_or_null_net_type_not_failed if {
	count(run({})) == 0
	count(run({"NetType": null})) == 0
}

test_missing_net_type_unknown if {
	count(run({})) == 0
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"mongodb.instance": [{"id": "cmgo-1", "name": "x", "data": {}}]}}
}
