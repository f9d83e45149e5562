package tsa.rules.vpc.eip_blocked_test

import data.tsa.rules.vpc.eip_blocked as rule

run(d) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"vpc.address": [{"id": "eip-test0001", "name": "web", "data": d}]}}
}

test_blocked_fails if {
	some f in run({"AddressId": "eip-test0001", "AddressIp": "203.0.113.7", "IsBlocked": true, "InstanceId": "ins-1"})
	f.evidence.IsBlocked == true
	contains(f.message, "203.0.113.7")
	contains(f.message, "ins-1")
}

test_blocked_unbound_fails if {
	some f in run({"AddressId": "eip-test0001", "IsBlocked": true})
	f.evidence.InstanceId == null
}

test_not_blocked_passes if {
	count(run({"AddressId": "eip-test0001", "IsBlocked": false})) == 0
}

test_missing_flag_passes if {
	count(run({"AddressId": "eip-test0001"})) == 0
}

test_string_true_is_not_a_block if {
	# The SDK writes a JSON boolean; anything else is not read as blocked.
	count(run({"AddressId": "eip-test0001", "IsBlocked": "true"})) == 0
}

test_missing_is_blocked_is_unknown if {
	inp := {"params": {}, "resources": {"vpc.address": [{"id": "eip-x", "name": "x", "data": {"AddressIp": "203.0.113.9"}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
