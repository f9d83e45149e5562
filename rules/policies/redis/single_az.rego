# METADATA
# title: Redis instance not deployed across availability zones
# description: >-
#   When the master and its replicas all run in one availability zone, a zone outage takes the
#   cache (and everything that depends on it) down with no replica to promote.
# scope: package
# custom:
#   id: TSA-REDIS-101
#   pillar: reliability
#   severity: medium
#   resource_types: [redis.instance]
#   reads: [data.NodeSet]
#   remediation: >-
#     Add a replica in another availability zone (Modify replicas > choose zones), or create a
#     multi-AZ instance and migrate with DTS.
#   tam_recommendation: >-
#     Deploy production Redis with replicas in at least two zones so a zone failure promotes a
#     replica automatically.
#   references:
#     - https://www.tencentcloud.com/document/product/239/39812
#     - https://cloud.tencent.com/document/product/239/51090
#   params: {}
#   catalogue: REL-13
#   i18n:
#     zh-CN:
#       title: Redis 实例未跨可用区部署
#       description: >-
#         主节点及其副本都在同一个可用区时，可用区故障会让缓存（以及依赖它的一切）整体不可用，且没有副本可以提升。
#       remediation: >-
#         在另一个可用区增加副本（修改副本 > 选择可用区），或新建多可用区实例并用 DTS 迁移。
#       tam_recommendation: >-
#         生产 Redis 的副本至少分布在两个可用区，可用区故障时可自动提升副本。
package tsa.rules.redis.single_az

import data.tsa.lib.fields

# NodeSet is only returned for multi-AZ instances; without it the instance is single-AZ.
zones(i) := {z |
	some node in fields.list(i.data, "NodeSet")
	is_object(node)
	z := object.get(node, "ZoneId", null)
	z != null
}

deny contains finding if {
	some i in input.resources["redis.instance"]
	zs := zones(i)
	count(zs) <= 1
	finding := {
		"resource": i.id,
		"message": sprintf("Redis instance %s (%s) runs all its nodes in one availability zone", [i.id, i.name]),
		"evidence": {"node_zone_ids": zs, "nodes": count(fields.list(i.data, "NodeSet")), "ZoneId": object.get(i.data, "ZoneId", null), "RedisReplicasNum": object.get(i.data, "RedisReplicasNum", null)},
	}
}
