package tsa.rules.vpc.vpn_tunnel_test

import data.tsa.rules.vpc.vpn_tunnel as rule

params := {"TSA-VPC-103": {"min_tunnels": 2}}

conn(id, gw, d) := {"id": id, "name": id, "data": object.union({"VpnConnectionId": id, "VpnGatewayId": gw}, d)}

gw(id) := {"id": id, "name": id, "data": {"VpnGatewayId": id}}

run(cs, gws) := r if {
	r := rule.deny with input as {"params": params, "resources": {"vpc.vpn_connection": cs, "vpc.vpn_gateway": gws}}
}

up := {"State": "AVAILABLE", "NetStatus": "AVAILABLE"}

test_tunnel_down_fails_high if {
	r := run([conn("vpnx-1", "vpngw-1", {"State": "AVAILABLE", "NetStatus": "UNAVAILABLE"}), conn("vpnx-2", "vpngw-1", up)], [gw("vpngw-1")])
	count(r) == 1
	some f in r
	f.resource == "vpnx-1"
	f.resource_type == "vpc.vpn_connection"
	not f.severity
	f.evidence.NetStatus == "UNAVAILABLE"
}

test_health_check_unavailable_fails if {
	r := run([conn("vpnx-1", "vpngw-1", {"State": "AVAILABLE", "NetStatus": "AVAILABLE", "HealthCheckStatus": "UNAVAILABLE"}), conn("vpnx-2", "vpngw-1", up)], [gw("vpngw-1")])
	{f.resource | some f in r} == {"vpnx-1"}
}

test_pending_connection_is_not_down if {
	count(run([conn("vpnx-1", "vpngw-1", {"State": "PENDING", "NetStatus": "UNAVAILABLE"}), conn("vpnx-2", "vpngw-1", up)], [gw("vpngw-1")])) == 0
}

test_single_tunnel_gateway_fails_medium if {
	some f in run([conn("vpnx-1", "vpngw-1", up)], [gw("vpngw-1")])
	f.resource == "vpngw-1"
	f.severity == "medium"
	f.evidence.connections == ["vpnx-1"]
}

test_two_tunnels_pass if {
	count(run([conn("vpnx-1", "vpngw-1", up), conn("vpnx-2", "vpngw-1", up)], [gw("vpngw-1")])) == 0
}

test_gateway_without_tunnels_is_not_this_rule if {
	count(run([], [gw("vpngw-1")])) == 0
}

test_missing_status_fields_not_failed if {
	count(run([conn("vpnx-1", "vpngw-1", {}), conn("vpnx-2", "vpngw-1", {"NetStatus": null})], [gw("vpngw-1")])) == 0
}

test_missing_net_status_is_unknown if {
	inp := {"params": {"TSA-VPC-103": {"min_tunnels": 1}}, "resources": {"vpc.vpn_connection": [{"id": "vpnx-x", "name": "x", "data": {"State": "AVAILABLE", "VpnGatewayId": "vpngw-1"}}], "vpc.vpn_gateway": []}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
