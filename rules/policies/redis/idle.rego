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
#   remediation: >-
#     Confirm with the owner, back the instance up if its data matters, and terminate it.
#   tam_recommendation: >-
#     Tag every cache with an owner and review idle ones monthly; caches are cheap to recreate,
#     so idle ones rarely need to be kept.
#   references: []
#   params:
#     max_connections: 0
#     idle_days: 7
#   catalogue: COST-09
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
