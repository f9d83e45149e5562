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
#   reads: [data.ProtectMode, data.InstanceType, data.DeviceType, data.InstanceNodes, data.SlaveInfo]
#   remediation: >-
#     Switch the instance's data replication mode to semi-synchronous (or strong synchronous)
#     in the TencentDB for MySQL console.
#   tam_recommendation: >-
#     Use semi-synchronous replication for production databases that cannot lose committed
#     transactions, and keep asynchronous only where write latency matters more.
#   references:
#     - https://www.tencentcloud.com/document/product/236/7913
#     - https://www.tencentcloud.com/document/product/236/38329
#   params:
#     tag_key: ""
#     tag_values: [prod, production]
#   catalogue: REL-09
#   i18n:
#     zh-CN:
#       title: MySQL 主实例使用异步复制
#       description: >-
#         异步复制下，一次主备切换可能丢失备库尚未收到的事务；半同步或强同步复制可以限制这种数据丢失。
#       remediation: >-
#         在云数据库 MySQL 控制台把实例的数据复制方式改为半同步（或强同步）。
#       tam_recommendation: >-
#         不能丢失已提交事务的生产数据库使用半同步复制，只在写延迟更重要的场景保留异步复制。
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

unknown contains {"resource": i.id, "reason": "its replication mode (ProtectMode) is missing"} if {
	some i in input.resources["cdb.instance"]
	cdb.primary(i)
	not cdb.single_node(i)
	not is_number(object.get(i.data, "ProtectMode", null))
}

unknown contains {"resource": i.id, "reason": "its instance type (InstanceType) is null"} if {
	some i in input.resources["cdb.instance"]
	not is_number(object.get(i.data, "InstanceType", 1))
}
