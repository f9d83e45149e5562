package tsa.rules.redis.single_az_test

import data.tsa.rules.redis.single_az as rule

run(d) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"redis.instance": [{"id": "crs-1", "name": "cache", "data": d}]}}
}

test_no_node_set_fails if {
	some f in run({"ZoneId": 100003, "RedisReplicasNum": 1})
	f.evidence.nodes == 0
}

test_null_node_set_fails if {
	count(run({"NodeSet": null})) == 1
}

test_all_nodes_in_one_zone_fail if {
	some f in run({"NodeSet": [{"NodeType": 0, "ZoneId": 100003}, {"NodeType": 1, "ZoneId": 100003}]})
	f.evidence.node_zone_ids == {100003}
}

test_nodes_in_two_zones_pass if {
	count(run({"NodeSet": [{"NodeType": 0, "ZoneId": 100003}, {"NodeType": 1, "ZoneId": 100004}]})) == 0
}

test_null_nodes_ignored if {
	count(run({"NodeSet": [null, {"ZoneId": 100003}, {"ZoneId": 100004}]})) == 0
}

test_nodes_without_zone_ids_fail if {
	count(run({"NodeSet": [{"NodeType": 0}, {"NodeType": 1}]})) == 1
}

# The SDK documents NodeSet as returned only for multi-AZ instances: without it the instance is
# single-AZ, a fact rather than missing data.
test_absent_node_set_is_single_az if {
	count(run({})) == 1
}
