# METADATA
# title: MySQL connections near max_connections
# description: >-
#   The instance's connection utilization (connections ÷ max_connections) peaked at 80 % or
#   more on a day of the window; at 100 % new connections are refused and applications fail.
# scope: package
# custom:
#   id: TSA-CDB-203
#   pillar: service_limits
#   severity: medium
#   resource_types: [cdb.instance]
#   remediation: >-
#     Find idle or leaked connections and fix pool sizes, raise max_connections within the
#     instance spec, or move to a larger spec; add a database proxy for connection pooling.
#   tam_recommendation: >-
#     Size application connection pools against max_connections and alarm at 80 %; a proxy
#     in front of MySQL absorbs connection storms.
#   references: []
#   params:
#     threshold_pct: 80
#   catalogue: LIM-17
package tsa.rules.cdb.connection_usage_high

import data.tsa.lib.metric
import data.tsa.lib.num

params := input.params["TSA-CDB-203"]

deny contains finding if {
	some db in input.resources["cdb.instance"]
	m := metric.of("cdb_connection_use", db.id)
	peak := metric.peak(m)
	peak >= params.threshold_pct
	finding := {
		"resource": db.id,
		"message": sprintf("MySQL instance %s (%s) used %v%% of max_connections at peak", [db.id, db.name, num.round1(peak)]),
		"evidence": {"metric": m.name, "peak_pct": num.round1(peak), "days": count(metric.values(m))},
	}
}
