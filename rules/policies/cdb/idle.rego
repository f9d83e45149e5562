# METADATA
# title: Idle MySQL instance
# description: >-
#   A MySQL instance with no client connection for a week serves nothing but is still billed.
# scope: package
# custom:
#   id: TSA-CDB-301
#   pillar: cost
#   severity: medium
#   resource_types: [cdb.instance]
#   joins: [monitor.metric]
#   remediation: >-
#     Confirm with the owner, take a final backup, and terminate the instance (or downgrade it
#     if it is kept for occasional use).
#   tam_recommendation: >-
#     Tag every database with an owner and review idle ones monthly; keep backups, not running
#     instances, for data that is only retained.
#   references: []
#   params:
#     max_connections: 0
#     idle_days: 7
#   catalogue: COST-09
package tsa.rules.cdb.idle

import data.tsa.lib.metrics

params := input.params["TSA-CDB-301"]

deny contains finding if {
	some i in input.resources["cdb.instance"]
	recent := metrics.quiet("cdb_connections", i.id, params.max_connections, params.idle_days)
	finding := {
		"resource": i.id,
		"message": sprintf("MySQL instance %s (%s) had at most %v connections on each of the last %d days", [i.id, i.name, max(recent), params.idle_days]),
		"evidence": {"metric": "cdb_connections", "daily_values": recent, "idle_days": params.idle_days},
	}
}
