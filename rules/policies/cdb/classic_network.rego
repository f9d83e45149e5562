# METADATA
# title: MySQL instance on the classic network
# description: >-
#   The classic (basic) network is a shared flat network being retired; instances on it cannot
#   use VPC isolation, security controls or private connectivity features.
# scope: package
# custom:
#   id: TSA-CDB-106
#   pillar: reliability
#   severity: medium
#   resource_types: [cdb.instance]
#   reads: [data.UniqVpcId, data.VpcId]
#   remediation: >-
#     Switch the instance to a VPC (Instance details > Network > Switch network), keeping the
#     old address for a transition period.
#   tam_recommendation: >-
#     Plan the classic-to-VPC migration of every database now, during a low-traffic window, with
#     the old address retained until clients are moved.
#   references:
#     - https://www.tencentcloud.com/document/api/240/46544
#     - https://cloud.tencent.com/document/product/240/71918
#   params: {}
#   catalogue: REL-14
#   i18n:
#     zh-CN:
#       title: MySQL 实例位于基础网络
#       description: >-
#         基础网络是正在退役的共享扁平网络，其中的实例无法使用 VPC 隔离、安全管控和私有互联等能力。
#       remediation: >-
#         把实例切换到私有网络（实例详情 > 网络 > 切换网络），并在过渡期内保留旧地址。
#       tam_recommendation: >-
#         现在就为所有数据库规划从基础网络迁移到 VPC，选择业务低峰期执行，并在客户端全部切换前保留旧地址。
package tsa.rules.cdb.classic_network

import data.tsa.lib.vpc

deny contains finding if {
	some i in input.resources["cdb.instance"]
	vpc.classic(i.data)
	finding := {
		"resource": i.id,
		"message": sprintf("MySQL instance %s (%s) is on the classic network (no VPC)", [i.id, i.name]),
		"evidence": {"UniqVpcId": object.get(i.data, "UniqVpcId", null), "VpcId": object.get(i.data, "VpcId", null)},
	}
}

unknown contains {"resource": i.id, "reason": "its network fields (UniqVpcId, VpcId) are missing"} if {
	some i in input.resources["cdb.instance"]
	not vpc.says_network(i.data)
}
