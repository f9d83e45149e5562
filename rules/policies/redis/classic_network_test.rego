package tsa.rules.redis.classic_network_test

import data.tsa.rules.redis.classic_network as rule

run(d) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"redis.instance": [{"id": "crs-1", "name": "cache", "data": d}]}}
}

test_classic_fails if {
	some f in run({"UniqVpcId": "", "VpcId": 0})
	f.evidence.VpcId == 0
}

test_vpc_passes if {
	count(run({"UniqVpcId": "vpc-fk33jsf43kgv", "VpcId": 75101})) == 0
}

test_vpc_named_by_one_field_passes if {
	count(run({"UniqVpcId": "", "VpcId": 75101})) == 0
	count(run({"UniqVpcId": "vpc-fk33jsf43kgv", "VpcId": 0})) == 0
}

test_fields_missing_not_failed if {
	count(run({})) == 0
}

test_missing_network_fields_unknown if {
	count(run({})) == 0
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"redis.instance": [{"id": "crs-1", "name": "x", "data": {}}]}}
}
