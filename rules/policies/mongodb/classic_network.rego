# METADATA
# title: MongoDB instance on the classic network
# description: >-
#   The classic (basic) network is a shared flat network being retired; instances on it cannot
#   use VPC isolation, security controls or private connectivity features.
# scope: package
# custom:
#   id: TSA-MONGODB-101
#   pillar: reliability
#   severity: medium
#   resource_types: [mongodb.instance]
#   reads: [data.NetType]
#   remediation: >-
#     Switch the instance to a VPC (Instance details > Switch network), keeping the old
#     address for a transition period.
#   tam_recommendation: >-
#     Plan the classic-to-VPC migration of every database now, with the old address retained
#     until all clients use the new one.
#   references:
#     - https://www.tencentcloud.com/document/api/240/46544
#     - https://cloud.tencent.com/document/product/240/71918
#   params: {}
#   catalogue: REL-14
#   i18n:
#     zh-CN:
#       title: MongoDB 实例位于基础网络
#       description: >-
#         基础网络是正在退役的共享扁平网络，其中的实例无法使用 VPC 隔离、安全管控和私有互联等能力。
#       remediation: >-
#         把实例切换到私有网络（实例详情 > 切换网络），并在过渡期内保留旧地址。
#       tam_recommendation: >-
#         现在就为所有数据库规划从基础网络迁移到 VPC，在所有客户端改用新地址之前保留旧地址。
package tsa.rules.mongodb.classic_network

deny contains finding if {
	some i in input.resources["mongodb.instance"]
	i.data.NetType == 0
	finding := {
		"resource": i.id,
		"message": sprintf("MongoDB instance %s (%s) is on the classic network (NetType 0)", [i.id, i.name]),
		"evidence": {"NetType": 0, "VpcId": object.get(i.data, "VpcId", null)},
	}
}

unknown contains {"resource": i.id, "reason": "its network type (NetType) is missing"} if {
	some i in input.resources["mongodb.instance"]
	not is_number(object.get(i.data, "NetType", null))
}
