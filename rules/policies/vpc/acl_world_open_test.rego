package tsa.rules.vpc.acl_world_open_test

import data.tsa.rules.vpc.acl_world_open as rule

params := {"TSA-VPC-003": {"allowed_ports": [80, 443]}}

acl(entries) := {"id": "acl-test0001", "name": "web-subnets", "data": {"NetworkAclId": "acl-test0001", "IngressEntries": entries}}

run(entries) := r if {
	r := rule.deny with input as {"params": params, "resources": {"vpc.network_acl": [acl(entries)]}}
}

test_all_ports_from_world_fails if {
	some f in run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT", "Priority": 1}])
	f.resource == "acl-test0001"
	contains(f.message, "all ports")
	f.evidence.IngressEntries[0].Source == "0.0.0.0/0"
}

test_ssh_from_ipv6_world_fails if {
	some f in run([{"Protocol": "TCP", "Port": "22", "Ipv6CidrBlock": "::/0", "Action": "accept"}])
	contains(f.message, "port 22")
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

test_private_source_passes if {
	count(run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "10.0.0.0/8", "Action": "ACCEPT"}])) == 0
}

test_drop_passes if {
	count(run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "DROP"}])) == 0
}

test_icmp_passes if {
	count(run([{"Protocol": "ICMP", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])) == 0
}

test_null_fields_pass if {
	count(run([{"Protocol": null, "Port": null, "CidrBlock": "0.0.0.0/0", "Action": null}])) == 0
}

test_no_entries_pass if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"vpc.network_acl": [{"id": "acl-x", "name": "x", "data": {}}]}}
}

test_allowed_ports_parameter_is_honoured if {
	p := {"TSA-VPC-003": {"allowed_ports": [80, 443, 8080]}}
	count(rule.deny) == 0 with input as {"params": p, "resources": {"vpc.network_acl": [acl([{"Protocol": "TCP", "Port": "8080", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])]}}
}
