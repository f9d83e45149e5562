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
#   reads: [data.InstanceType, data.DeviceType, data.InstanceNodes, data.SlaveInfo, data.DeployMode, data.Zone]
#   remediation: >-
#     Upgrade single-node instances to the two- or three-node edition, and choose multi-AZ
#     deployment (replica in another zone) for the primary.
#   tam_recommendation: >-
#     Run production MySQL on the two-node or three-node edition with the replica in a second
#     availability zone, and rehearse a failover switch.
#   references:
#     - https://www.tencentcloud.com/document/product/236/8456
#     - https://www.tencentcloud.com/document/product/236/38329
#     - https://www.tencentcloud.com/document/product/236/7913
#   params: {}
#   catalogue: REL-08
#   i18n:
#     zh-CN:
#       title: MySQL 实例没有备库，或备库与主库在同一可用区
#       description: >-
#         单节点 MySQL 实例完全没有故障切换能力；备库与主库位于同一可用区时，该可用区故障会让实例整体不可用。
#       remediation: >-
#         把单节点实例升级为双节点或三节点版本，并为主实例选择多可用区部署（备库位于另一个可用区）。
#       tam_recommendation: >-
#         生产 MySQL 使用双节点或三节点版本，备库放在第二个可用区，并定期演练主备切换。
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

unknown contains {"resource": i.id, "reason": "its architecture (DeviceType, InstanceNodes, SlaveInfo) is missing"} if {
	some i in input.resources["cdb.instance"]
	cdb.primary(i)
	every k in ["DeviceType", "InstanceNodes", "SlaveInfo"] {
		object.get(i.data, k, null) == null
	}
}

unknown contains {"resource": i.id, "reason": "its instance type (InstanceType) is null"} if {
	some i in input.resources["cdb.instance"]
	not is_number(object.get(i.data, "InstanceType", 1))
}
