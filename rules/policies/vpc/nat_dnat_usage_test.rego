package tsa.rules.vpc.nat_dnat_usage_test

import data.tsa.rules.vpc.nat_dnat_usage as rule

params := {"TSA-VPC-203": {"dnat_rule_limit": 10, "threshold_pct": 80}}

rules(n) := [{"IpProtocol": "TCP", "PublicIpAddress": "203.0.113.9", "PublicPort": 10000 + i, "PrivateIpAddress": "10.0.0.8", "PrivatePort": 22} | some i in numbers.range(1, n)]

run(related) := r if {
	r := rule.deny with input as {"params": params, "resources": {"vpc.nat_gateway": [{"id": "nat-test0001", "name": "egress", "data": {}, "related": related}]}}
}

test_nine_of_ten_fails if {
	some f in run({"dnat_rules": rules(9)})
	f.evidence.dnat_rules == 9
	contains(f.message, "9 DNAT rules, 90% of the 10 allowed")
}

test_exactly_threshold_fails if {
	count(run({"dnat_rules": rules(8)})) == 1
}

test_below_threshold_passes if {
	count(run({"dnat_rules": rules(7)})) == 0
}

test_no_rules_pass if {
	count(run({"dnat_rules": []})) == 0
}

test_unread_rules_not_failed if {
	count(run({})) == 0
	count(run({"dnat_rules": null})) == 0
}

limits(region, value) := {"id": sprintf("vpc-limits/%s", [region]), "region": region, "data": {"VpcLimitSet": [
	{"LimitType": "vpc-max-nat-gateways", "LimitValue": 3},
	{"LimitType": "nat-gateway-max-dnapts", "LimitValue": value},
]}}

run_with_limits(n, ls) := r if {
	r := rule.deny with input as {"params": params, "resources": {
		"vpc.nat_gateway": [{"id": "nat-test0001", "name": "egress", "region": "ap-guangzhou", "data": {}, "related": {"dnat_rules": rules(n)}}],
		"vpc.limits": ls,
	}}
}

test_region_limit_wins_over_the_parameter if {
	# 43 of the region's 50 is 86 %, though 43 is above the parameter's 10 anyway
	some f in run_with_limits(43, [limits("ap-guangzhou", 50)])
	f.evidence.limit == 50
	f.evidence.limit_source == "nat-gateway-max-dnapts"

	# 9 of a raised quota of 200 is not near it, though 9 of the parameter's 10 would be
	count(run_with_limits(9, [limits("ap-guangzhou", 200)])) == 0
}

test_other_region_limit_ignored if {
	some f in run_with_limits(9, [limits("ap-shanghai", 200)])
	f.evidence.limit == 10
	f.evidence.limit_source == "dnat_rule_limit"
}

test_rules_not_read_is_unknown if {
	inp := {"params": {"TSA-VPC-203": {"dnat_rule_limit": 200, "threshold_pct": 80}}, "resources": {"vpc.nat_gateway": [{"id": "nat-x", "name": "x", "region": "ap-guangzhou", "related": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
