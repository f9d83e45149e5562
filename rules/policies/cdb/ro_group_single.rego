# METADATA
# title: MySQL read-only group with a single instance
# description: >-
#   A read-only group with one instance has no redundancy: when that instance fails or is
#   removed for lag, every read sent to the group's address fails.
# scope: package
# custom:
#   id: TSA-CDB-103
#   pillar: reliability
#   severity: medium
#   resource_types: [cdb.instance]
#   reads: [related.ro_groups]
#   remediation: >-
#     Add a second read-only instance to the group (ideally in another zone), and set the
#     group's minimum retained instances.
#   tam_recommendation: >-
#     Keep at least two read-only instances per group serving production reads so removing a
#     lagging replica never empties the group.
#   references:
#     - https://www.tencentcloud.com/document/product/236/11361
#     - https://tencentcloud.com/document/product/236/7270
#   params:
#     min_instances: 2
#   catalogue: REL-10
#   i18n:
#     zh-CN:
#       title: MySQL 只读组只有一个实例
#       description: >-
#         只有一个实例的只读组没有冗余：该实例故障或因延迟被剔除时，发往只读组地址的所有读请求都会失败。
#       remediation: >-
#         为只读组增加第二个只读实例（最好位于另一个可用区），并设置只读组的最少保留实例数。
#       tam_recommendation: >-
#         承载生产读流量的只读组至少保留两个只读实例，这样剔除延迟过大的实例时只读组也不会被清空。
package tsa.rules.cdb.ro_group_single

import data.tsa.lib.fields

params := input.params["TSA-CDB-103"]

small_groups(i) := [{"RoGroupId": fields.str(g, "RoGroupId"), "instances": n} |
	some g in i.related.ro_groups
	n := count(fields.list(g, "RoInstances"))
	n > 0
	n < params.min_instances
]

deny contains finding if {
	some i in input.resources["cdb.instance"]
	groups := small_groups(i)
	count(groups) > 0
	finding := {
		"resource": i.id,
		"message": sprintf("MySQL instance %s (%s): read-only group %s has fewer than %d instances", [i.id, i.name, concat(", ", [g.RoGroupId | some g in groups]), params.min_instances]),
		"evidence": {"ro_groups": groups},
	}
}

unknown contains {"resource": i.id, "reason": "its read-only groups (cdb:DescribeRoGroups) were not read"} if {
	some i in input.resources["cdb.instance"]
	object.get(i.data, "InstanceType", 1) != 3
	not is_array(object.get(i, ["related", "ro_groups"], null))
}
