package tsa.rules.vpc.vpn_gateway_idle_test

import data.tsa.rules.vpc.vpn_gateway_idle as rule

gw(id) := {"id": id, "name": id, "data": {"VpnGatewayId": id, "Type": "IPSEC", "State": "AVAILABLE"}}

run(cs, gws) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"vpc.vpn_connection": cs, "vpc.vpn_gateway": gws}}
}

test_gateway_without_connection_fails if {
	r := run([{"id": "vpnx-1", "data": {"VpnGatewayId": "vpngw-2"}}], [gw("vpngw-1"), gw("vpngw-2")])
	{f.resource | some f in r} == {"vpngw-1"}
}

test_gateway_with_connection_passes if {
	count(run([{"id": "vpnx-1", "data": {"VpnGatewayId": "vpngw-1"}}], [gw("vpngw-1")])) == 0
}

test_no_connections_resource_type_at_all if {
	count(rule.deny) == 1 with input as {"params": {}, "resources": {"vpc.vpn_gateway": [gw("vpngw-1")]}}
}

# A connection without VpnGatewayId may be this gateway's: not a finding (it is unknown).
test_connection_without_gateway_id_not_failed if {
	count(run([{"id": "vpnx-1", "data": {}}], [gw("vpngw-1")])) == 0
}

test_connection_without_gateway_id_is_unknown if {
	inp := {"params": {}, "resources": {"vpc.vpn_gateway": [{"id": "vpngw-x", "name": "x", "data": {}}], "vpc.vpn_connection": [{"id": "vpnx-1", "data": {}}]}}
	count(rule.unknown) == 1 with input as inp
}
