package tsa.rules.redis.capacity_ceiling_test

import data.tsa.rules.redis.capacity_ceiling as rule

params := {"TSA-REDIS-202": {"ceiling_mb": 4194304, "ceiling_pct": 80, "max_replicas": 5}}

run(d) := r if {
	r := rule.deny with input as {"params": params, "resources": {"redis.instance": [{"id": "crs-test0001", "name": "cache", "data": d}]}}
}

test_large_memory_fails if {
	some f in run({"Size": 3670016, "RedisReplicasNum": 1})
	contains(f.message, "87.5% of the 4194304 MB ceiling")
}

test_five_replicas_fails if {
	some f in run({"Size": 8192, "RedisReplicasNum": 5})
	contains(f.message, "5 replicas")
	f.evidence.RedisReplicasNum == 5
}

test_both_in_one_finding if {
	count(run({"Size": 4194304, "RedisReplicasNum": 5})) == 1
}

test_boundary_80_pct if {
	count(run({"Size": 3355443.2, "RedisReplicasNum": 1})) == 1
	count(run({"Size": 3355443, "RedisReplicasNum": 1})) == 0
}

test_small_instance_passes if {
	count(run({"Size": 16384, "RedisReplicasNum": 4})) == 0
}

test_missing_fields_pass if {
	count(run({})) == 0
	count(run({"Size": null, "RedisReplicasNum": null})) == 0
}

test_missing_size_and_replicas_unknown if {
	count(run({})) == 0
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"redis.instance": [{"id": "crs-1", "name": "x", "data": {}}]}}
}

test_missing_replica_count_unknown if {
	some u in rule.unknown with input as {"params": params, "resources": {"redis.instance": [{"id": "crs-1", "name": "x", "data": {"Size": 1024, "RedisReplicasNum": null}}]}}
	u.reason == "RedisReplicasNum missing"
}
