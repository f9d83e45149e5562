package tsa.rules.cdb.classic_network_test

import data.tsa.rules.cdb.classic_network as rule

run(d) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"cdb.instance": [{"id": "cdb-1", "name": "orders", "data": d}]}}
}

test_empty_vpc_fails if {
	some f in run({"UniqVpcId": "", "VpcId": 0})
	f.evidence == {"UniqVpcId": "", "VpcId": 0}
}

test_only_numeric_zero_vpc_fails if {
	count(run({"VpcId": 0})) == 1
}

test_vpc_passes if {
	count(run({"UniqVpcId": "vpc-5v8wn9mg", "VpcId": 51102})) == 0
	count(run({"UniqVpcId": "vpc-5v8wn9mg"})) == 0
	count(run({"VpcId": 51102})) == 0
}

test_fields_missing_not_failed if {
	count(run({})) == 0
}

test_null_vpc_fails if {
	count(run({"UniqVpcId": null, "VpcId": null})) == 1
}

test_missing_network_fields_unknown if {
	count(run({})) == 0
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"cdb.instance": [{"id": "cdb-1", "name": "x", "data": {}}]}}
}
