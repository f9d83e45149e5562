# METADATA
# title: MySQL instance without a standby, or with its standby in the same zone
# description: >-
#   A single-node MySQL instance has no failover at all; a primary whose replicas run in its own
#   availability zone goes down with that zone.
# scope: package
# custom:
#   id: TSA-CDB-101
#   pillar: reliability
#   severity: high
#   resource_types: [cdb.instance]
#   remediation: >-
#     Upgrade single-node instances to the two- or three-node edition, and choose multi-AZ
#     deployment (replica in another zone) for the primary.
#   tam_recommendation: >-
#     Run production MySQL on the two-node or three-node edition with the replica in a second
#     availability zone, and rehearse a failover switch.
#   references:
#     - https://www.tencentcloud.com/document/product/236/8456
#   params: {}
#   catalogue: REL-08
package tsa.rules.cdb.no_standby

import data.tsa.lib.cdb
import data.tsa.lib.fields

evidence(i) := {
	"DeviceType": object.get(i.data, "DeviceType", null),
	"InstanceNodes": object.get(i.data, "InstanceNodes", null),
	"DeployMode": object.get(i.data, "DeployMode", null),
	"zones": cdb.zones(i),
}

deny contains finding if {
	some i in input.resources["cdb.instance"]
	cdb.primary(i)
	cdb.single_node(i)
	finding := {
		"resource": i.id,
		"message": sprintf("MySQL instance %s (%s) has no standby replica to fail over to", [i.id, i.name]),
		"evidence": evidence(i),
	}
}

deny contains finding if {
	some i in input.resources["cdb.instance"]
	cdb.primary(i)
	not cdb.single_node(i)
	single_zone(i)
	finding := {
		"resource": i.id,
		"severity": "medium",
		"message": sprintf("MySQL instance %s (%s): primary and replicas all run in zone %s", [i.id, i.name, fields.str(i.data, "Zone")]),
		"evidence": evidence(i),
	}
}

# single_zone: the replicas the API lists share the primary's zone, or it lists none and the
# deployment mode is single-AZ.
single_zone(i) if {
	cdb.has_replica(i)
	count(cdb.zones(i)) == 1
}

single_zone(i) if {
	not cdb.has_replica(i)
	i.data.DeployMode == 0
}
