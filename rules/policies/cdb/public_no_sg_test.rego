package tsa.rules.cdb.public_no_sg_test

import data.tsa.rules.cdb.public_no_sg as rule

db(wan, groups) := {"id": "cdb-test0001", "name": "orders", "data": {"InstanceId": "cdb-test0001", "WanStatus": wan, "WanDomain": "gz-cdb-x.sql.tencentcdb.com", "WanPort": 25123, "Vport": 3306}, "related": {"security_groups": groups}}

sg(rules) := {"SecurityGroupId": "sg-db000001", "SecurityGroupName": "db", "Inbound": rules}

inp(d) := {"params": {}, "resources": {"cdb.instance": [d]}}

run(d) := r if {
	r := rule.deny with input as inp(d)
}

unknowns(d) := r if {
	r := rule.unknown with input as inp(d)
}

test_world_open_sg_fails if {
	some f in run(db(1, [sg([{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "3306", "IpProtocol": "TCP"}])]))
	contains(f.message, "sg-db000001 admits the internet to TCP port 3306")
	f.evidence.open_rules[0].SecurityGroupId == "sg-db000001"
}

test_all_ports_rule_fails if {
	count(run(db(1, [sg([{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "ALL", "IpProtocol": "ALL"}])]))) == 1
}

test_no_security_group_fails if {
	some f in run(db(1, []))
	contains(f.message, "no security group is bound")
}

# The old rule counted ICMP and UDP rules as MySQL exposure.
test_icmp_and_udp_from_world_pass if {
	d := db(1, [sg([
		{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "ALL", "IpProtocol": "ICMP"},
		{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "3306", "IpProtocol": "UDP"},
	])])
	count(run(d)) == 0
	count(unknowns(d)) == 0
}

# The old rule ignored order: a DROP of the port above the ACCEPT closes it.
test_drop_above_accept_passes if {
	count(run(db(1, [sg([
		{"Action": "DROP", "CidrIp": "0.0.0.0/0", "PortRange": "3306", "IpProtocol": "TCP"},
		{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "ALL", "IpProtocol": "ALL"},
	])]))) == 0
}

test_restricted_sg_passes if {
	d := db(1, [sg([
		{"Action": "ACCEPT", "CidrIp": "203.0.113.0/24", "PortRange": "3306", "IpProtocol": "TCP"},
		{"Action": "DROP", "CidrIp": "0.0.0.0/0", "PortRange": "ALL", "IpProtocol": "ALL"},
	])])
	count(run(d)) == 0
	count(unknowns(d)) == 0
}

test_world_open_other_port_passes if {
	count(run(db(1, [sg([{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "443", "IpProtocol": "TCP"}])]))) == 0
}

test_public_access_closed_passes if {
	count(run(db(2, []))) == 0
	count(run(db(0, [sg([{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "ALL", "IpProtocol": "ALL"}])]))) == 0
	count(unknowns(db(0, []))) == 0
}

# The VPC view of the group, with its address template resolved, is preferred.
test_vpc_view_with_resolved_template_fails if {
	vsg := {"id": "sg-db000001", "name": "db", "related": {"policies": {"Ingress": [{"Protocol": "TCP", "Port": "3306", "AddressTemplate": {"AddressGroupId": "ipmg-1"}, "ResolvedAddresses": ["0.0.0.0/0"], "Action": "ACCEPT"}]}}}
	d := db(1, [sg([{"Action": "ACCEPT", "AddressModule": "ipmg-1", "PortRange": "3306", "IpProtocol": "TCP"}])])
	count(rule.deny) == 1 with input as {"params": {}, "resources": {"cdb.instance": [d], "vpc.security_group": [vsg]}}
}

test_unresolved_address_module_is_unknown if {
	d := db(1, [sg([{"Action": "ACCEPT", "AddressModule": "ipmg-1", "PortRange": "3306", "IpProtocol": "TCP"}])])
	count(run(d)) == 0
	some u in unknowns(d)
	contains(u.reason, "template")
}

test_unread_security_groups_is_unknown if {
	d := {"id": "cdb-x", "name": "x", "data": {"WanStatus": 1, "Vport": 3306}, "related": {}}
	count(run(d)) == 0
	count(unknowns(d)) == 1
}

test_missing_wan_status_is_unknown if {
	d := {"id": "cdb-x", "name": "x", "data": {"Vport": 3306}, "related": {"security_groups": []}}
	count(run(d)) == 0
	count(unknowns(d)) == 1
}

test_missing_vport_is_unknown if {
	d := {"id": "cdb-x", "name": "x", "data": {"WanStatus": 1}, "related": {"security_groups": [sg([{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "3306", "IpProtocol": "TCP"}])]}}
	count(run(d)) == 0
	count(unknowns(d)) == 1
}

test_other_vport_honoured if {
	d := object.union(db(1, [sg([{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "3306", "IpProtocol": "TCP"}])]), {"data": {"Vport": 13306}})
	count(run(d)) == 0
}
