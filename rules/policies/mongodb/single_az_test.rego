package tsa.rules.mongodb.single_az_test

import data.tsa.rules.mongodb.single_az as rule

run(d) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"mongodb.instance": [{"id": "cmgo-1", "name": "docs", "data": d}]}}
}

test_single_zone_list_fails if {
	some f in run({"Zone": "ap-guangzhou-3", "ZoneList": ["ap-guangzhou-3"], "SecondaryNum": 2})
	f.evidence.zones == {"ap-guangzhou-3"}
}

test_only_zone_field_fails if {
	count(run({"Zone": "ap-guangzhou-3"})) == 1
	count(run({"Zone": "ap-guangzhou-3", "ZoneList": null})) == 1
}

test_three_zones_pass if {
	count(run({"Zone": "ap-guangzhou-3", "ZoneList": ["ap-guangzhou-3", "ap-guangzhou-4", "ap-guangzhou-6"]})) == 0
}

test_no_zone_at_all_not_failed if {
	count(run({})) == 0
	count(run({"ZoneList": [null, ""]})) == 0
}

test_missing_zones_unknown if {
	count(run({})) == 0
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"mongodb.instance": [{"id": "cmgo-1", "name": "x", "data": {"ZoneList": null}}]}}
}
