# METADATA
# title: Idle MongoDB instance
# description: >-
#   A MongoDB instance with no client connection for a week serves nothing but is still billed.
# scope: package
# custom:
#   id: TSA-MONGODB-301
#   pillar: cost
#   severity: medium
#   resource_types: [mongodb.instance]
#   joins: [monitor.metric]
#   reads: [metric.mongodb_connections]
#   remediation: >-
#     Confirm with the owner, take a final backup, and terminate the instance (or downgrade it
#     if it is kept for occasional use).
#   tam_recommendation: >-
#     Tag every database with an owner and review idle ones monthly; keep backups, not running
#     instances, for data that is only retained.
#   references:
#     - https://www.tencentcloud.com/document/product/248/34716
#     - https://www.tencentcloud.com/document/product/240/7108
#   params:
#     max_connections: 0
#     idle_days: 7
#   catalogue: COST-09
#   i18n:
#     zh-CN:
#       title: 闲置的 MongoDB 实例
#       description: >-
#         一周内没有任何客户端连接的 MongoDB 实例不提供任何服务，却仍在计费。
#       remediation: >-
#         与负责人确认后做最后一次备份，然后销毁实例（如需偶尔使用则降配保留）。
#       tam_recommendation: >-
#         为每个数据库打上负责人标签并每月复核闲置实例；只需留存的数据保留备份即可，不必保留运行中的实例。
package tsa.rules.mongodb.idle

import data.tsa.lib.metrics

params := input.params["TSA-MONGODB-301"]

deny contains finding if {
	some i in input.resources["mongodb.instance"]
	recent := metrics.quiet("mongodb_connections", i.id, params.max_connections, params.idle_days)
	finding := {
		"resource": i.id,
		"message": sprintf("MongoDB instance %s (%s) had at most %v connections on each of the last %d days", [i.id, i.name, max(recent), params.idle_days]),
		"evidence": {"metric": "mongodb_connections", "daily_values": recent, "idle_days": params.idle_days},
	}
}

unknown contains {"resource": i.id, "reason": sprintf("Cloud Monitor returned fewer than %d days of mongodb_connections for %s", [params.idle_days, i.id])} if {
	some i in input.resources["mongodb.instance"]
	not enough_days("mongodb_connections", i.id)
}

enough_days(key, id) if count(metrics.peaks(key, id)) >= params.idle_days
