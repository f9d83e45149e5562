package tsa.rules.cvm.too_many_sg_rules_test

import data.tsa.lib.testing
import data.tsa.rules.cvm.too_many_sg_rules as rule

params := {"TSA-CVM-403": {"max_rules": 100}}

sg(id, ingress, egress) := {"id": id, "related": {"policies": {"Ingress": testing.repeat({"Action": "ACCEPT"}, ingress), "Egress": testing.repeat({"Action": "ACCEPT"}, egress)}}}

inst(sgs) := {"id": "ins-1", "name": "web", "data": {"SecurityGroupIds": sgs}}

run(i, groups) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cvm.instance": [i], "vpc.security_group": groups}}
}

test_rules_across_groups_add_up if {
	some f in run(inst(["sg-1", "sg-2"]), [sg("sg-1", 60, 1), sg("sg-2", 40, 0)])
	f.evidence.rules == 101
	f.evidence.rules_by_group == {"sg-1": 61, "sg-2": 40}
}

test_exactly_the_limit_passes if {
	count(run(inst(["sg-1", "sg-2"]), [sg("sg-1", 60, 0), sg("sg-2", 40, 0)])) == 0
}

test_unbound_groups_do_not_count if {
	count(run(inst(["sg-1"]), [sg("sg-1", 10, 0), sg("sg-9", 200, 0)])) == 0
}

test_group_with_unread_policies_is_skipped if {
	# Its rules are unknown: the engine reports the group unknown; the rest still counts.
	count(run(inst(["sg-1", "sg-2"]), [sg("sg-1", 50, 0), {"id": "sg-2", "related": {}}])) == 0
	count(run(inst(["sg-1", "sg-2"]), [sg("sg-1", 101, 0), {"id": "sg-2", "related": {}}])) == 1
}

test_null_and_missing_fields if {
	count(run({"id": "ins-1", "name": "x", "data": {}}, [sg("sg-1", 200, 0)])) == 0
	count(run({"id": "ins-1", "name": "x", "data": {"SecurityGroupIds": null}}, [sg("sg-1", 200, 0)])) == 0
	count(run(inst(["sg-1"]), [{"id": "sg-1", "related": {"policies": {"Ingress": null}}}])) == 0
}

test_no_groups_collected if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cvm.instance": [inst(["sg-1"])]}}
}

test_group_not_in_inventory_is_unknown if {
	inp := {"params": {"TSA-CVM-403": {"max_rules": 100}}, "resources": {"cvm.instance": [{"id": "ins-x", "name": "x", "data": {"SecurityGroupIds": ["sg-gone"]}}], "vpc.security_group": []}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_missing_group_ids_is_unknown if {
	inp := {"params": {"TSA-CVM-403": {"max_rules": 100}}, "resources": {"cvm.instance": [{"id": "ins-x", "name": "x", "data": {}}]}}
	count(rule.unknown) == 1 with input as inp
}
