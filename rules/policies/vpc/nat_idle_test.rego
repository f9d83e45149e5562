package tsa.rules.vpc.nat_idle_test

import data.tsa.rules.vpc.nat_idle as rule

nat(id) := {"id": id, "name": id, "data": {"NatGatewayId": id, "VpcId": "vpc-1"}}

table(routes) := {"id": "rtb-1", "data": {"RouteTableId": "rtb-1", "VpcId": "vpc-1", "RouteSet": routes}}

run(nats, tables) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"vpc.nat_gateway": nats, "vpc.route_table": tables}}
}

route(gw, enabled) := {"DestinationCidrBlock": "0.0.0.0/0", "GatewayType": "NAT", "GatewayId": gw, "Enabled": enabled}

test_unrouted_nat_fails if {
	r := run([nat("nat-1"), nat("nat-2")], [table([route("nat-2", true)])])
	{f.resource | some f in r} == {"nat-1"}
}

test_disabled_route_does_not_count if {
	count(run([nat("nat-1")], [table([route("nat-1", false)])])) == 1
}

test_route_without_enabled_flag_counts if {
	count(run([nat("nat-1")], [table([{"GatewayType": "NAT", "GatewayId": "nat-1"}])])) == 0
}

test_other_gateway_types_do_not_count if {
	count(run([nat("nat-1")], [table([{"GatewayType": "CVM", "GatewayId": "nat-1"}])])) == 1
}

test_vpc_without_route_tables_not_judged if {
	count(run([nat("nat-1")], [])) == 0
	count(rule.deny) == 0 with input as {"params": {}, "resources": {"vpc.nat_gateway": [nat("nat-1")]}}
}

# An empty route list is a fact (fail); a null one was not returned (unknown, not a pass).
test_empty_or_null_route_set if {
	count(run([nat("nat-1")], [table(null)])) == 0
	count(run([nat("nat-1")], [table([])])) == 1
}

test_vpc_without_tables_is_unknown if {
	inp := {"params": {}, "resources": {"vpc.nat_gateway": [{"id": "nat-x", "name": "x", "data": {"VpcId": "vpc-9"}}], "vpc.route_table": []}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_table_without_routes_is_unknown if {
	inp := {"params": {}, "resources": {"vpc.nat_gateway": [{"id": "nat-x", "name": "x", "data": {"VpcId": "vpc-9"}}], "vpc.route_table": [{"id": "rtb-1", "data": {"VpcId": "vpc-9"}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
