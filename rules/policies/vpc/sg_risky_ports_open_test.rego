package tsa.rules.vpc.sg_risky_ports_open_test

import data.tsa.rules.vpc.sg_risky_ports_open as rule

params := {"TSA-VPC-001": {"ports": [20, 21, 22, 1433, 1434, 3306, 3389, 4333, 5432, 5500, 6379, 27017]}}

sg(ingress) := {"id": "sg-test0001", "name": "web", "related": {"policies": {"Ingress": ingress, "Egress": []}}}

run(ingress) := r if {
	r := rule.deny with input as {"params": params, "resources": {"vpc.security_group": [sg(ingress)]}}
}

test_ssh_open_to_world_fails if {
	some f in run([{"Protocol": "TCP", "Port": "22", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT", "PolicyIndex": 0}])
	f.resource == "sg-test0001"
	f.evidence.policies[0].risky_ports == [22]
	contains(f.message, "port 22")
}

test_rdp_in_range_from_ipv6_world_fails if {
	count(run([{"Protocol": "TCP", "Port": "3000-4000", "Ipv6CidrBlock": "::/0", "Action": "ACCEPT"}])) == 1
}

test_protocol_all_port_all_fails if {
	some f in run([{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])
	count(f.evidence.policies[0].risky_ports) == 12
}

test_list_with_mysql_fails if {
	count(run([{"Protocol": "tcp", "Port": "80,3306", "CidrBlock": "0.0.0.0/0", "Action": "accept"}])) == 1
}

test_web_ports_pass if {
	count(run([{"Protocol": "TCP", "Port": "80,443", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])) == 0
}

test_ssh_from_private_cidr_passes if {
	count(run([{"Protocol": "TCP", "Port": "22", "CidrBlock": "10.0.0.0/8", "Action": "ACCEPT"}])) == 0
}

test_drop_passes if {
	count(run([{"Protocol": "TCP", "Port": "22", "CidrBlock": "0.0.0.0/0", "Action": "DROP"}])) == 0
}

test_icmp_passes if {
	count(run([{"Protocol": "ICMP", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])) == 0
}

test_range_ending_below_port_passes if {
	count(run([{"Protocol": "TCP", "Port": "8000-8999", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])) == 0
}

test_no_policies_read_passes if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"vpc.security_group": [{"id": "sg-x", "name": "x", "related": {}}]}}
}

test_empty_inventory_passes if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {}}
}

test_ports_parameter_is_honoured if {
	p := {"TSA-VPC-001": {"ports": [8080]}}
	count(rule.deny) == 1 with input as {"params": p, "resources": {"vpc.security_group": [sg([{"Protocol": "TCP", "Port": "8080", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}])]}}
}
