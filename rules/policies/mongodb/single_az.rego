# METADATA
# title: MongoDB replica set in a single availability zone
# description: >-
#   When every member of a replica set runs in one availability zone, a zone outage leaves no
#   secondary to elect and the database goes down.
# scope: package
# custom:
#   id: TSA-MONGODB-103
#   pillar: reliability
#   severity: medium
#   resource_types: [mongodb.instance]
#   reads: [data.ZoneList, data.Zone]
#   remediation: >-
#     Create a multi-AZ instance (members in three zones) and migrate to it with DTS, or change
#     the node zones where the console allows it.
#   tam_recommendation: >-
#     Run production replica sets across three zones so losing one zone keeps a majority for
#     elections.
#   references:
#     - https://www.tencentcloud.com/document/product/240/52507
#   params: {}
#   catalogue: REL-16
#   i18n:
#     zh-CN:
#       title: MongoDB 副本集位于单个可用区
#       description: >-
#         副本集的所有成员都在同一个可用区时，可用区故障后没有从节点可以参与选举，数据库随之不可用。
#       remediation: >-
#         新建多可用区实例（成员分布在三个可用区）并用 DTS 迁移，或在控制台允许时调整节点所在可用区。
#       tam_recommendation: >-
#         生产副本集跨三个可用区部署，失去一个可用区时仍能保持多数派完成选举。
package tsa.rules.mongodb.single_az

import data.tsa.lib.fields

# zones: ZoneList names every zone with members; older responses without it have only Zone.
zones(i) := {z |
	some z in array.concat(fields.list(i.data, "ZoneList"), [fields.str(i.data, "Zone")])
	is_string(z)
	z != ""
}

deny contains finding if {
	some i in input.resources["mongodb.instance"]
	zs := zones(i)
	count(zs) == 1
	finding := {
		"resource": i.id,
		"message": sprintf("MongoDB instance %s (%s) runs all members in zone %s", [i.id, i.name, concat("", zs)]),
		"evidence": {"zones": zs, "SecondaryNum": object.get(i.data, "SecondaryNum", null)},
	}
}

unknown contains {"resource": i.id, "reason": "its zones (ZoneList, Zone) are missing"} if {
	some i in input.resources["mongodb.instance"]
	count(zones(i)) == 0
}
