package tsa.rules.cdb.public_no_sg_test

import data.tsa.rules.cdb.public_no_sg as rule

db(wan, groups) := {"id": "cdb-test0001", "name": "orders", "data": {"InstanceId": "cdb-test0001", "WanStatus": wan, "WanDomain": "gz-cdb-x.sql.tencentcdb.com", "WanPort": 25123, "Vport": 3306}, "related": {"security_groups": groups}}

sg(rules) := {"SecurityGroupId": "sg-db000001", "SecurityGroupName": "db", "Inbound": rules}

run(d) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"cdb.instance": [d]}}
}

test_world_open_sg_fails if {
	some f in run(db(1, [sg([{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "3306", "IpProtocol": "TCP"}])]))
	contains(f.message, "sg-db000001 admits 0.0.0.0/0 to port 3306")
	f.evidence.open_rules[0].SecurityGroupId == "sg-db000001"
}

test_all_ports_rule_fails if {
	count(run(db(1, [sg([{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "ALL", "IpProtocol": "ALL"}])]))) == 1
}

test_no_security_group_fails if {
	some f in run(db(1, []))
	contains(f.message, "no security group is bound")
}

test_restricted_sg_passes if {
	count(run(db(1, [sg([{"Action": "ACCEPT", "CidrIp": "203.0.113.0/24", "PortRange": "3306"}, {"Action": "DROP", "CidrIp": "0.0.0.0/0", "PortRange": "ALL"}])]))) == 0
}

test_world_open_other_port_passes if {
	count(run(db(1, [sg([{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "443"}])]))) == 0
}

test_public_access_closed_passes if {
	count(run(db(2, []))) == 0
	count(run(db(0, [sg([{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "ALL"}])]))) == 0
}

test_unread_security_groups_not_failed if {
	count(run({"id": "cdb-x", "name": "x", "data": {"WanStatus": 1}, "related": {}})) == 0
}

test_missing_vport_defaults_to_3306 if {
	count(run({"id": "cdb-x", "name": "x", "data": {"WanStatus": 1}, "related": {"security_groups": [sg([{"Action": "ACCEPT", "CidrIp": "0.0.0.0/0", "PortRange": "3306"}])]}})) == 1
}
