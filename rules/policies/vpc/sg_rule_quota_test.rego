package tsa.rules.vpc.sg_rule_quota_test

import data.tsa.rules.vpc.sg_rule_quota as rule

params := {"TSA-VPC-204": {"threshold_pct": 80}}

limits := {"id": "vpc-sg-limits/ap-guangzhou", "name": "", "region": "ap-guangzhou", "data": {"SecurityGroupLimit": 50, "SecurityGroupPolicyLimit": 10, "ReferedSecurityGroupLimit": 10}}

policies(n) := [{"PolicyIndex": i, "Protocol": "TCP", "Port": "443", "CidrBlock": sprintf("10.0.%d.0/24", [i]), "Action": "ACCEPT"} | some i in numbers.range(1, n)]

sg(ingress, egress) := {"id": "sg-test0001", "name": "app", "region": "ap-guangzhou", "data": {}, "related": {"policies": {"Ingress": ingress, "Egress": egress}}}

run(groups, lims) := r if {
	r := rule.deny with input as {"params": params, "resources": {"vpc.security_group": groups, "vpc.security_group_limits": lims}}
}

test_ingress_near_limit_fails if {
	some f in run([sg(policies(9), [])], [limits])
	f.evidence.directions == [{"direction": "Ingress", "rules": 9, "limit": 10, "pct": 90}]
	contains(f.message, "Ingress 9 of 10")
}

test_both_directions_one_finding if {
	ds := run([sg(policies(8), policies(10))], [limits])
	count(ds) == 1
	some f in ds
	count(f.evidence.directions) == 2
}

test_below_threshold_passes if {
	count(run([sg(policies(7), policies(7))], [limits])) == 0
}

test_wrapped_limit_set_is_read if {
	wrapped := {"id": "vpc-sg-limits/ap-guangzhou", "name": "", "region": "ap-guangzhou", "data": {"SecurityGroupLimitSet": {"SecurityGroupPolicyLimit": 10}}}
	count(run([sg(policies(10), [])], [wrapped])) == 1
}

test_other_region_limit_not_used if {
	other := object.union(limits, {"id": "vpc-sg-limits/ap-shanghai", "region": "ap-shanghai"})
	count(run([sg(policies(10), [])], [other])) == 0
}

test_no_limits_read_passes if {
	count(run([sg(policies(10), [])], [])) == 0
}

test_null_directions_pass if {
	count(run([sg(null, null)], [limits])) == 0
}

test_unread_policies_not_failed if {
	count(run([{"id": "sg-x", "name": "x", "region": "ap-guangzhou", "data": {}, "related": {}}], [limits])) == 0
}

test_limit_or_policies_missing_is_unknown if {
	inp := {"params": {"TSA-VPC-204": {"threshold_pct": 80}}, "resources": {"vpc.security_group": [{"id": "sg-x", "name": "x", "region": "ap-guangzhou", "related": {}}], "vpc.security_group_limits": []}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 2 with input as inp
}
