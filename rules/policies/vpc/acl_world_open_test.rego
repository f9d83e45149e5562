package tsa.rules.vpc.acl_world_open_test

import data.tsa.rules.vpc.acl_world_open as rule

params := {"TSA-VPC-003": {"allowed_ports": [80, 443]}}

acl(entries) := {"id": "acl-test0001", "name": "web-subnets", "data": {"NetworkAclId": "acl-test0001", "IngressEntries": entries}}

inp(entries) := {"params": params, "resources": {"vpc.network_acl": [acl(entries)]}}

run(entries) := r if {
	r := rule.deny with input as inp(entries)
}

unknowns(entries) := r if {
	r := rule.unknown with input as inp(entries)
}

test_all_ports_from_world_fails if {
	some f in run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT", "Priority": 1}])
	f.resource == "acl-test0001"
	contains(f.message, "all ports")
	f.evidence.open[0].entry.CidrBlock == "0.0.0.0/0"
}

test_ssh_from_ipv6_world_fails if {
	some f in run([{"Protocol": "TCP", "Port": "22", "Ipv6CidrBlock": "::/0", "Action": "accept"}])
	contains(f.message, "TCP 22")
}

test_missing_port_means_all if {
	some f in run([{"Protocol": "TCP", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])
	contains(f.message, "all ports")
}

test_several_entries_one_finding if {
	count(run([
		{"Protocol": "TCP", "Port": "22", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"},
		{"Protocol": "UDP", "Port": "53", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"},
	])) == 1
}

test_web_ports_pass if {
	count(run([{"Protocol": "TCP", "Port": "80,443", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])) == 0
}

# The old rule ignored order: a DROP with a lower priority number comes first and wins.
test_drop_with_higher_priority_passes if {
	es := [
		{"Priority": 2, "Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"},
		{"Priority": 1, "Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "DROP"},
	]
	count(run(es)) == 0
	count(unknowns(es)) == 0
}

test_accept_with_higher_priority_fails if {
	count(run([
		{"Priority": 2, "Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "DROP"},
		{"Priority": 1, "Protocol": "TCP", "Port": "8000-9000", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"},
	])) == 1
}

test_private_source_passes if {
	count(run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "10.0.0.0/8", "Action": "ACCEPT"}])) == 0
}

test_unreadable_entry_first_is_unknown if {
	es := [{"Priority": 1, "Protocol": "TCP", "Port": "22", "CidrBlock": "0.0.0.0/0"}]
	count(run(es)) == 0
	count(unknowns(es)) == 1
}

test_entries_absent_is_unknown if {
	inp := {"params": params, "resources": {"vpc.network_acl": [{"id": "acl-x", "name": "x", "data": {"NetworkAclId": "acl-x"}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_no_entries_passes if {
	count(run([])) == 0
	count(unknowns([])) == 0
}
