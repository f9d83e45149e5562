package tsa.rules.clb.classic_type_test

import data.tsa.rules.clb.classic_type as rule

run(d) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"clb.load_balancer": [{"id": "lb-1", "name": "old", "data": d}]}}
}

test_classic_fails if {
	some f in run({"Forward": 0})
	f.evidence.Forward == 0
}

test_standard_passes if {
	count(run({"Forward": 1})) == 0
}

test_missing_or_null_forward_not_failed if {
	count(run({})) == 0
	count(run({"Forward": null})) == 0
}

test_missing_forward_is_unknown if {
	inp := {"params": {}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
