package tsa.rules.vpc.sg_redundant_rules_test

import data.tsa.rules.vpc.sg_redundant_rules as rule

rule_of(index, protocol, port, cidr, action) := {"PolicyIndex": index, "Protocol": protocol, "Port": port, "CidrBlock": cidr, "Action": action}

run(ingress, egress) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"vpc.security_group": [{"id": "sg-1", "name": "web", "related": {"policies": {"Ingress": ingress, "Egress": egress}}}]}}
}

test_duplicate_fails if {
	some f in run([rule_of(0, "TCP", "22", "10.0.0.0/8", "ACCEPT"), rule_of(1, "tcp", "22", "10.0.0.0/8", "accept")], [])
	f.evidence.redundant == {"Ingress rule 1 duplicates Ingress rule 0"}
}

test_shadowed_by_all_ports_fails if {
	some f in run([rule_of(0, "ALL", "ALL", "10.0.0.0/8", "ACCEPT"), rule_of(1, "TCP", "443", "10.0.0.0/8", "ACCEPT")], [])
	f.evidence.redundant == {"Ingress rule 1 is covered by Ingress rule 0"}
}

test_different_action_or_peer_is_not_redundant if {
	count(run([rule_of(0, "ALL", "ALL", "10.0.0.0/8", "DROP"), rule_of(1, "TCP", "443", "10.0.0.0/8", "ACCEPT")], [])) == 0
	count(run([rule_of(0, "TCP", "ALL", "10.0.0.0/8", "ACCEPT"), rule_of(1, "TCP", "443", "10.1.0.0/16", "ACCEPT")], [])) == 0
}

test_later_broad_rule_does_not_shadow_earlier if {
	count(run([rule_of(0, "TCP", "443", "10.0.0.0/8", "ACCEPT"), rule_of(1, "TCP", "ALL", "10.0.0.0/8", "ACCEPT")], [])) == 0
}

test_other_protocol_not_shadowed if {
	count(run([rule_of(0, "UDP", "ALL", "10.0.0.0/8", "ACCEPT"), rule_of(1, "TCP", "443", "10.0.0.0/8", "ACCEPT")], [])) == 0
}

test_service_templates_compared_whole if {
	tpl := {"PolicyIndex": 0, "ServiceTemplate": {"ServiceId": "ppm-1"}, "CidrBlock": "10.0.0.0/8", "Action": "ACCEPT"}
	count(run([tpl, object.union(tpl, {"PolicyIndex": 1})], [])) == 1
	count(run([tpl, {"PolicyIndex": 1, "ServiceTemplate": {"ServiceId": "ppm-2"}, "CidrBlock": "10.0.0.0/8", "Action": "ACCEPT"}], [])) == 0
}

test_directions_checked_separately if {
	count(run([rule_of(0, "TCP", "22", "10.0.0.0/8", "ACCEPT")], [rule_of(0, "TCP", "22", "10.0.0.0/8", "ACCEPT")])) == 0
	some f in run([], [rule_of(0, "ALL", "ALL", "0.0.0.0/0", "ACCEPT"), rule_of(1, "ALL", "ALL", "0.0.0.0/0", "ACCEPT")])
	f.evidence.redundant == {"Egress rule 1 duplicates Egress rule 0"}
}

test_nulls_and_missing_policies if {
	count(run(null, null)) == 0
	count(run([null, rule_of(0, "TCP", "22", "10.0.0.0/8", "ACCEPT")], [])) == 0
	count(rule.deny) == 0 with input as {"params": {}, "resources": {"vpc.security_group": [{"id": "sg-1", "name": "web", "related": {}}]}}
}

test_policies_not_read_is_unknown if {
	inp := {"params": {}, "resources": {"vpc.security_group": [{"id": "sg-x", "name": "x", "related": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
