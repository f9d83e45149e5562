# METADATA
# title: Redis memory near the 4 TB ceiling or replicas at the maximum of five
# description: >-
#   The instance's memory is sized at 80 % or more of the 4 TB ceiling, or it already has the
#   maximum five replicas per shard, so it cannot be scaled further in that dimension.
# scope: package
# custom:
#   id: TSA-REDIS-202
#   pillar: service_limits
#   severity: medium
#   resource_types: [redis.instance]
#   remediation: >-
#     Plan to split data across instances or shards before the ceiling; scale reads with
#     proxies or more shards rather than more replicas.
#   tam_recommendation: >-
#     Review the data model and sharding plan for instances approaching the size ceiling;
#     growth beyond it needs an architecture change, not a bigger spec.
#   references: []
#   params:
#     ceiling_mb: 4194304
#     ceiling_pct: 80
#     max_replicas: 5
#   catalogue: LIM-19
package tsa.rules.redis.capacity_ceiling

import data.tsa.lib.num

params := input.params["TSA-REDIS-202"]

problems(r) := array.concat(
	[sprintf("memory %v MB is %v%% of the %v MB ceiling", [size, num.round1(p), params.ceiling_mb]) |
		size := num.of(r.data.Size)
		p := num.pct(size, params.ceiling_mb)
		p >= params.ceiling_pct
	],
	[sprintf("%d replicas, the maximum", [n]) |
		n := num.of(r.data.RedisReplicasNum)
		n >= params.max_replicas
	],
)

deny contains finding if {
	some r in input.resources["redis.instance"]
	ps := problems(r)
	count(ps) > 0
	finding := {
		"resource": r.id,
		"message": sprintf("Redis instance %s (%s): %s", [r.id, r.name, concat("; ", ps)]),
		"evidence": {"Size": object.get(r.data, "Size", null), "RedisReplicasNum": object.get(r.data, "RedisReplicasNum", null)},
	}
}
