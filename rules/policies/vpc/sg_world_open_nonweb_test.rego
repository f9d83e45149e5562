package tsa.rules.vpc.sg_world_open_nonweb_test

import data.tsa.rules.vpc.sg_world_open_nonweb as rule

params := {"TSA-VPC-002": {"allowed_ports": [80, 443]}}

inp(ingress) := {"params": params, "resources": {"vpc.security_group": [{"id": "sg-test0002", "name": "api", "related": {"policies": {"Ingress": ingress}}}]}}

run(ingress) := r if {
	r := rule.deny with input as inp(ingress)
}

unknowns(ingress) := r if {
	r := rule.unknown with input as inp(ingress)
}

test_all_ports_fails_high if {
	some f in run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])
	f.severity == "high"
	contains(f.message, "all ports")
}

test_8080_fails_medium if {
	some f in run([{"Protocol": "TCP", "Port": "8080", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])
	f.severity == "medium"
	f.evidence.open[0].ports == "8080"
	contains(f.message, "TCP 8080")
}

test_range_including_web_ports_fails if {
	some f in run([{"Protocol": "TCP", "Port": "80-443", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])
	contains(f.message, "TCP 81-442")
}

test_web_ports_pass if {
	ps := [
		{"Protocol": "TCP", "Port": "80,443", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"},
		{"Protocol": "TCP", "Port": "443", "Ipv6CidrBlock": "::/0", "Action": "ACCEPT"},
	]
	count(run(ps)) == 0
	count(unknowns(ps)) == 0
}

# The old rule ignored order: a DROP of everything above an ACCEPT of all ports closes them.
test_drop_all_above_accept_all_passes if {
	count(run([
		{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "DROP"},
		{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"},
	])) == 0
}

# Web ports first, then a DROP of the rest, then an ACCEPT of everything: only the web ports are open.
test_web_then_drop_then_accept_passes if {
	count(run([
		{"Protocol": "TCP", "Port": "80,443", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"},
		{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "DROP"},
		{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"},
	])) == 0
}

# A DROP of part of the ports leaves the rest open (medium, not "all ports").
test_partial_drop_then_accept_all_is_medium if {
	some f in run([
		{"Protocol": "TCP", "Port": "22", "CidrBlock": "0.0.0.0/0", "Action": "DROP"},
		{"Protocol": "TCP", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"},
	])
	f.severity == "medium"
	contains(f.message, "TCP 1-21")
	contains(f.message, "TCP 23-79")
}

test_unresolved_template_is_unknown if {
	ps := [{"CidrBlock": "0.0.0.0/0", "ServiceTemplate": {"ServiceGroupId": "ppmg-x"}, "Action": "ACCEPT"}]
	count(run(ps)) == 0
	count(unknowns(ps)) == 1
}

test_resolved_template_fails if {
	count(run([{"CidrBlock": "0.0.0.0/0", "ServiceTemplate": {"ServiceGroupId": "ppmg-x"}, "ResolvedServices": [{"Protocol": "TCP", "Port": "8000-9000"}], "Action": "ACCEPT"}])) == 1
}

test_private_source_passes if {
	count(run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "172.16.0.0/12", "Action": "ACCEPT"}])) == 0
}

test_drop_passes if {
	count(run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "DROP"}])) == 0
}

test_policies_not_read_is_unknown if {
	inp := {"params": params, "resources": {"vpc.security_group": [{"id": "sg-x", "name": "x", "related": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_allowed_ports_parameter_is_honoured if {
	p := {"TSA-VPC-002": {"allowed_ports": [80, 443, 8080]}}
	count(rule.deny) == 0 with input as {"params": p, "resources": {"vpc.security_group": [{"id": "sg-a", "name": "a", "related": {"policies": {"Ingress": [{"Protocol": "TCP", "Port": "8080", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}]}}}]}}
}
