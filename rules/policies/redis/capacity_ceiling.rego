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
#   reads: [data.Size, data.RedisReplicasNum]
#   remediation: >-
#     Plan to split data across instances or shards before the ceiling; scale reads with
#     proxies or more shards rather than more replicas.
#   tam_recommendation: >-
#     Review the data model and sharding plan for instances approaching the size ceiling;
#     growth beyond it needs an architecture change, not a bigger spec.
#   references:
#     - https://www.tencentcloud.com/document/product/239/18336
#   params:
#     ceiling_mb: 4194304
#     ceiling_pct: 80
#     max_replicas: 5
#   catalogue: LIM-19
#   i18n:
#     zh-CN:
#       title: Redis 内存接近 4 TB 上限或副本数已达 5 个上限
#       description: >-
#         实例内存规格已达到 4 TB 上限的 80% 以上，或每个分片已有 5 个副本（上限），该维度无法继续扩展。
#       remediation: >-
#         在触及上限前规划把数据拆分到多个实例或分片；通过代理或增加分片扩展读能力，而不是继续增加副本。
#       tam_recommendation: >-
#         对接近容量上限的实例复核数据模型和分片方案；超出上限的增长需要调整架构，而不是更大的规格。
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

unknown contains {"resource": r.id, "reason": sprintf("%s missing", [concat(" and ", missing)])} if {
	some r in input.resources["redis.instance"]
	missing := [f | some f in ["Size", "RedisReplicasNum"]; not num.of(object.get(r.data, f, null))]
	count(missing) > 0
}
