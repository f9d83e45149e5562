# METADATA
# title: MySQL primary replicates asynchronously
# description: >-
#   With asynchronous replication a failover can lose the transactions the replica had not yet
#   received; semi-synchronous or strong-synchronous replication bounds that loss.
# scope: package
# custom:
#   id: TSA-CDB-102
#   pillar: reliability
#   severity: medium
#   resource_types: [cdb.instance]
#   remediation: >-
#     Switch the instance's data replication mode to semi-synchronous (or strong synchronous)
#     in the TencentDB for MySQL console.
#   tam_recommendation: >-
#     Use semi-synchronous replication for production databases that cannot lose committed
#     transactions, and keep asynchronous only where write latency matters more.
#   references: []
#   params:
#     tag_key: ""
#     tag_values: [prod, production]
#   catalogue: REL-09
package tsa.rules.cdb.async_replication

import data.tsa.lib.cdb

params := input.params["TSA-CDB-102"]

# in_scope: every instance when tag_key is empty, else those tagged as production.
in_scope(_) if params.tag_key == ""

in_scope(i) if i.tags[params.tag_key] in {v | some v in params.tag_values}

deny contains finding if {
	some i in input.resources["cdb.instance"]
	cdb.primary(i)
	not cdb.single_node(i)
	i.data.ProtectMode == 0
	in_scope(i)
	finding := {
		"resource": i.id,
		"message": sprintf("MySQL instance %s (%s) replicates asynchronously (ProtectMode 0): a failover can lose committed transactions", [i.id, i.name]),
		"evidence": {"ProtectMode": 0},
	}
}
