# METADATA
# title: Idle Redis instance
# description: >-
#   A Redis instance with no client connection for a week serves nothing but is still billed.
# scope: package
# custom:
#   id: TSA-REDIS-301
#   pillar: cost
#   severity: medium
#   resource_types: [redis.instance]
#   joins: [monitor.metric]
#   reads: [metric.redis_connections]
#   remediation: >-
#     Confirm with the owner, back the instance up if its data matters, and terminate it.
#   tam_recommendation: >-
#     Tag every cache with an owner and review idle ones monthly; caches are cheap to recreate,
#     so idle ones rarely need to be kept.
#   references:
#     - https://www.tencentcloud.com/document/product/248/34716
#   params:
#     max_connections: 0
#     idle_days: 7
#   catalogue: COST-09
#   i18n:
#     zh-CN:
#       title: 闲置的 Redis 实例
#       description: >-
#         一周内没有任何客户端连接的 Redis 实例不提供任何服务，却仍在计费。
#       remediation: >-
#         与负责人确认，如数据重要先做备份，然后销毁实例。
#       tam_recommendation: >-
#         为每个缓存打上负责人标签并每月复核闲置实例；缓存重建成本低，闲置实例通常无需保留。
package tsa.rules.redis.idle

import data.tsa.lib.metrics

params := input.params["TSA-REDIS-301"]

deny contains finding if {
	some i in input.resources["redis.instance"]
	recent := metrics.quiet("redis_connections", i.id, params.max_connections, params.idle_days)
	finding := {
		"resource": i.id,
		"message": sprintf("Redis instance %s (%s) had at most %v connections on each of the last %d days", [i.id, i.name, max(recent), params.idle_days]),
		"evidence": {"metric": "redis_connections", "daily_values": recent, "idle_days": params.idle_days},
	}
}

unknown contains {"resource": i.id, "reason": sprintf("Cloud Monitor returned fewer than %d days of redis_connections for %s", [params.idle_days, i.id])} if {
	some i in input.resources["redis.instance"]
	not enough_days("redis_connections", i.id)
}

enough_days(key, id) if count(metrics.peaks(key, id)) >= params.idle_days
