package tsa.rules.vpc.sg_risky_ports_open_test

import data.tsa.rules.vpc.sg_risky_ports_open as rule

params := {"TSA-VPC-001": {"ports": [20, 21, 22, 1433, 1434, 3306, 3389, 4333, 5432, 5500, 6379, 27017]}}

sg(ingress) := {"id": "sg-test0001", "name": "web", "related": {"policies": {"Ingress": ingress, "Egress": []}}}

inp(ingress) := {"params": params, "resources": {"vpc.security_group": [sg(ingress)]}}

run(ingress) := r if {
	r := rule.deny with input as inp(ingress)
}

unknowns(ingress) := r if {
	r := rule.unknown with input as inp(ingress)
}

accept_ssh := {"Protocol": "TCP", "Port": "22", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}

test_ssh_open_to_world_fails if {
	some f in run([object.union(accept_ssh, {"PolicyIndex": 0})])
	f.resource == "sg-test0001"
	f.evidence.open[0].port == 22
	contains(f.message, "port 22")
}

test_rdp_in_range_from_ipv6_world_fails if {
	some f in run([{"Protocol": "TCP", "Port": "3000-4000", "Ipv6CidrBlock": "::/0", "Action": "ACCEPT"}])
	f.evidence.open[0].family == "ipv6"
	contains(f.message, "3306, 3389")
}

test_protocol_all_port_all_fails if {
	some f in run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])
	count({o.port | some o in f.evidence.open}) == 12
}

test_list_with_mysql_fails if {
	count(run([{"Protocol": "tcp", "Port": "80,3306", "CidrBlock": "0.0.0.0/0", "Action": "accept"}])) == 1
}

# The old rule ignored order: a DROP of 0.0.0.0/0:22 above the ACCEPT closes the port.
test_drop_above_accept_passes if {
	ps := [
		{"PolicyIndex": 0, "Protocol": "TCP", "Port": "22", "CidrBlock": "0.0.0.0/0", "Action": "DROP"},
		object.union(accept_ssh, {"PolicyIndex": 1}),
	]
	count(run(ps)) == 0
	count(unknowns(ps)) == 0
}

# Order is PolicyIndex, not list position.
test_order_follows_policy_index if {
	count(run([
		object.union(accept_ssh, {"PolicyIndex": 1}),
		{"PolicyIndex": 0, "Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "DROP"},
	])) == 0
	count(run([
		object.union(accept_ssh, {"PolicyIndex": 0}),
		{"PolicyIndex": 1, "Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "DROP"},
	])) == 1
}

# A DROP of part of the internet above leaves the rest of it open.
test_partial_drop_above_accept_fails if {
	count(run([{"Protocol": "TCP", "Port": "22", "CidrBlock": "198.51.100.0/24", "Action": "DROP"}, accept_ssh])) == 1
}

# A DROP for UDP does not close TCP.
test_drop_of_other_protocol_fails if {
	count(run([{"Protocol": "UDP", "Port": "22", "CidrBlock": "0.0.0.0/0", "Action": "DROP"}, accept_ssh])) == 1
}

test_ipv4_drop_leaves_ipv6_open if {
	some f in run([
		{"Protocol": "TCP", "Port": "22", "CidrBlock": "0.0.0.0/0", "Action": "DROP"},
		{"Protocol": "TCP", "Port": "22", "Ipv6CidrBlock": "::/0", "Action": "ACCEPT"},
	])
	f.evidence.open[0].family == "ipv6"
}

test_resolved_address_template_fails if {
	count(run([{"Protocol": "TCP", "Port": "22", "AddressTemplate": {"AddressGroupId": "ipmg-aaaa1111"}, "ResolvedAddresses": ["10.0.0.0/8", "0.0.0.0/0"], "Action": "ACCEPT"}])) == 1
}

test_resolved_service_template_fails if {
	count(run([{"CidrBlock": "0.0.0.0/0", "ServiceTemplate": {"ServiceId": "ppm-bbbb2222"}, "ResolvedServices": [{"Protocol": "tcp", "Port": "3306"}], "Action": "ACCEPT"}])) == 1
}

test_resolved_private_template_passes if {
	ps := [{"Protocol": "TCP", "Port": "22", "AddressTemplate": {"AddressId": "ipm-cccc3333"}, "ResolvedAddresses": ["10.0.0.0/8"], "Action": "ACCEPT"}]
	count(run(ps)) == 0
	count(unknowns(ps)) == 0
}

# A template left unresolved before any decision is unknown, not a pass.
test_unresolved_template_first_is_unknown if {
	ps := [
		{"Protocol": "TCP", "Port": "22", "AddressTemplate": {"AddressGroupId": "ipmg-dddd4444"}, "Action": "ACCEPT"},
		{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "DROP"},
	]
	count(run(ps)) == 0
	some u in unknowns(ps)
	u.resource == "sg-test0001"
	contains(u.reason, "template")
}

# An unresolved template below a decision changes nothing; below an IPv4 DROP only, it may
# still hold ::/0, so IPv6 is unknown.
test_unresolved_template_after_drop_passes if {
	ps := [
		{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "DROP"},
		{"Protocol": "ALL", "Port": "ALL", "Ipv6CidrBlock": "::/0", "Action": "DROP"},
		{"Protocol": "TCP", "Port": "22", "AddressTemplate": {"AddressGroupId": "ipmg-dddd4444"}, "Action": "ACCEPT"},
	]
	count(run(ps)) == 0
	count(unknowns(ps)) == 0
	count(unknowns([ps[0], ps[2]])) == 1
}

test_unresolved_service_template_with_private_source_passes if {
	ps := [{"CidrBlock": "10.0.0.0/8", "ServiceTemplate": {"ServiceGroupId": "ppmg-eeee5555"}, "Action": "ACCEPT"}]
	count(run(ps)) == 0
	count(unknowns(ps)) == 0
}

test_unparseable_port_is_unknown if {
	ps := [{"Protocol": "TCP", "Port": "ssh", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}]
	count(run(ps)) == 0
	count(unknowns(ps)) == 1
}

test_web_ports_pass if {
	ps := [{"Protocol": "TCP", "Port": "80,443", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}]
	count(run(ps)) == 0
	count(unknowns(ps)) == 0
}

test_ssh_from_private_cidr_passes if {
	count(run([{"Protocol": "TCP", "Port": "22", "CidrBlock": "10.0.0.0/8", "Action": "ACCEPT"}])) == 0
}

test_source_security_group_passes if {
	count(run([{"Protocol": "TCP", "Port": "22", "SecurityGroupId": "sg-bastion01", "Action": "ACCEPT"}])) == 0
}

test_icmp_passes if {
	count(run([{"Protocol": "ICMP", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])) == 0
}

test_range_ending_below_port_passes if {
	count(run([{"Protocol": "TCP", "Port": "8000-8999", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])) == 0
}

test_empty_ingress_passes if {
	count(run([])) == 0
	count(unknowns([])) == 0
}

test_policies_not_read_is_unknown if {
	inp := {"params": params, "resources": {"vpc.security_group": [{"id": "sg-x", "name": "x", "related": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_ingress_absent_is_unknown if {
	inp := {"params": params, "resources": {"vpc.security_group": [{"id": "sg-x", "name": "x", "related": {"policies": {"Egress": []}}}]}}
	count(rule.unknown) == 1 with input as inp
}

test_empty_inventory_passes if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {}}
}
