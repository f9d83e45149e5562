package tsa.rules.vpc.vpc_limits_usage_test

import data.tsa.rules.vpc.vpc_limits_usage as rule

params := {"TSA-VPC-202": {"threshold_pct": 80}}

region := "ap-guangzhou"

limits := {"id": "vpc-limits/ap-guangzhou", "name": "", "region": region, "data": {"VpcLimitSet": [
	{"LimitType": "appid-max-vpcs", "LimitValue": 5},
	{"LimitType": "vpc-max-subnets", "LimitValue": 5},
	{"LimitType": "vpc-max-route-tables", "LimitValue": 5},
	{"LimitType": "vpc-max-nat-gateways", "LimitValue": 3},
	{"LimitType": "route-table-max-policies", "LimitValue": 10},
]}}

vpc(id) := {"id": id, "name": id, "region": region, "data": {"VpcId": id}}

child(id, vpc_id) := {"id": id, "name": id, "region": region, "data": {"VpcId": vpc_id}}

run(res) := r if {
	r := rule.deny with input as {"params": params, "resources": object.union({"vpc.limits": [limits]}, res)}
}

test_vpc_count_near_limit_fails_on_limits if {
	ds := run({"vpc.vpc": [vpc("vpc-1"), vpc("vpc-2"), vpc("vpc-3"), vpc("vpc-4")]})
	{f.resource | some f in ds} == {"vpc-limits/ap-guangzhou"}
	some f in ds
	f.evidence.limits[0].used == 4
}

test_subnets_and_nat_gateways_per_vpc_fail_once if {
	ds := run({
		"vpc.vpc": [vpc("vpc-1")],
		"vpc.subnet": [child(sprintf("subnet-%d", [i]), "vpc-1") | some i in numbers.range(1, 4)],
		"vpc.nat_gateway": [child("nat-1", "vpc-1"), child("nat-2", "vpc-1"), child("nat-3", "vpc-1")],
	})
	count(ds) == 1
	some f in ds
	f.resource == "vpc-1"
	{t.LimitType | some t in f.evidence.limits} == {"vpc-max-subnets", "vpc-max-nat-gateways"}
}

test_other_vpcs_children_not_counted if {
	count(run({
		"vpc.vpc": [vpc("vpc-1")],
		"vpc.subnet": [child(sprintf("subnet-%d", [i]), "vpc-2") | some i in numbers.range(1, 5)],
	})) == 0
}

test_routes_per_table_fail if {
	rt := {"id": "rtb-1", "name": "main", "region": region, "data": {"VpcId": "vpc-1", "RouteSet": [{"DestinationCidrBlock": sprintf("10.%d.0.0/16", [i])} | some i in numbers.range(1, 8)]}}
	some f in run({"vpc.route_table": [rt]})
	f.resource == "rtb-1"
	f.evidence.limits[0].pct == 80
}

test_headroom_passes if {
	count(run({"vpc.vpc": [vpc("vpc-1")], "vpc.subnet": [child("subnet-1", "vpc-1")], "vpc.route_table": [{"id": "rtb-1", "name": "main", "region": region, "data": {"VpcId": "vpc-1", "RouteSet": null}}]})) == 0
}

test_no_limits_read_passes if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"vpc.vpc": [vpc("vpc-1"), vpc("vpc-2"), vpc("vpc-3"), vpc("vpc-4"), vpc("vpc-5")]}}
}

test_missing_limit_is_unknown if {
	inp := {"params": {"TSA-VPC-202": {"threshold_pct": 80}}, "resources": {"vpc.limits": [{"id": "vpc-limits/ap-guangzhou", "region": "ap-guangzhou", "data": {"VpcLimitSet": [{"LimitType": "appid-max-vpcs", "LimitValue": 20}]}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 6 with input as inp
}
