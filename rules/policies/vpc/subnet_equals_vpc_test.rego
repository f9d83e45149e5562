package tsa.rules.vpc.subnet_equals_vpc_test

import data.tsa.rules.vpc.subnet_equals_vpc as rule

vpc(id, cidr) := {"id": id, "data": {"VpcId": id, "CidrBlock": cidr}}

subnet(vpc_id, cidr) := {"id": "subnet-1", "name": "app", "data": {"VpcId": vpc_id, "SubnetId": "subnet-1", "CidrBlock": cidr, "Zone": "ap-guangzhou-3"}}

run(s, vs) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"vpc.subnet": [s], "vpc.vpc": vs}}
}

test_whole_range_fails if {
	some f in run(subnet("vpc-1", "10.0.0.0/16"), [vpc("vpc-1", "10.0.0.0/16")])
	f.evidence.CidrBlock == "10.0.0.0/16"
}

test_smaller_subnet_passes if {
	count(run(subnet("vpc-1", "10.0.1.0/24"), [vpc("vpc-1", "10.0.0.0/16")])) == 0
}

test_other_vpc_range_ignored if {
	count(run(subnet("vpc-1", "10.0.0.0/16"), [vpc("vpc-2", "10.0.0.0/16"), vpc("vpc-1", "172.16.0.0/12")])) == 0
}

test_vpc_not_collected_not_failed if {
	count(run(subnet("vpc-1", "10.0.0.0/16"), [])) == 0
}

test_missing_cidrs_not_failed if {
	count(run(subnet("vpc-1", null), [vpc("vpc-1", null)])) == 0
	count(run({"id": "subnet-1", "name": "x", "data": {}}, [{"id": "vpc-1", "data": {}}])) == 0
}

test_missing_vpc_is_unknown if {
	inp := {"params": {}, "resources": {"vpc.subnet": [{"id": "subnet-x", "name": "x", "data": {"VpcId": "vpc-gone", "CidrBlock": "10.0.0.0/16"}}], "vpc.vpc": []}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_missing_subnet_cidr_is_unknown if {
	inp := {"params": {}, "resources": {"vpc.subnet": [{"id": "subnet-x", "name": "x", "data": {"VpcId": "vpc-1"}}], "vpc.vpc": [{"id": "vpc-1", "data": {"CidrBlock": "10.0.0.0/16"}}]}}
	count(rule.unknown) == 1 with input as inp
}
