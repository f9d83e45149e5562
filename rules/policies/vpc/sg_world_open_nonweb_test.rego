package tsa.rules.vpc.sg_world_open_nonweb_test

import data.tsa.rules.vpc.sg_world_open_nonweb as rule

params := {"TSA-VPC-002": {"allowed_ports": [80, 443]}}

run(ingress) := r if {
	r := rule.deny with input as {"params": params, "resources": {"vpc.security_group": [{"id": "sg-test0002", "name": "api", "related": {"policies": {"Ingress": ingress}}}]}}
}

test_all_ports_fails_high if {
	some f in run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])
	f.severity == "high"
	contains(f.message, "all ports")
}

test_8080_fails_medium if {
	some f in run([{"Protocol": "TCP", "Port": "8080", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])
	f.severity == "medium"
	f.evidence.policies[0].Port == "8080"
}

test_range_including_web_ports_fails if {
	count(run([{"Protocol": "TCP", "Port": "80-443", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])) == 1
}

test_web_ports_pass if {
	count(run([
		{"Protocol": "TCP", "Port": "80,443", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"},
		{"Protocol": "TCP", "Port": "443", "Ipv6CidrBlock": "::/0", "Action": "ACCEPT"},
	])) == 0
}

test_private_source_passes if {
	count(run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "172.16.0.0/12", "Action": "ACCEPT"}])) == 0
}

test_drop_passes if {
	count(run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "DROP"}])) == 0
}

test_allowed_ports_parameter_is_honoured if {
	p := {"TSA-VPC-002": {"allowed_ports": [80, 443, 8080]}}
	count(rule.deny) == 0 with input as {"params": p, "resources": {"vpc.security_group": [{"id": "sg-a", "name": "a", "related": {"policies": {"Ingress": [{"Protocol": "TCP", "Port": "8080", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}]}}}]}}
}
