# METADATA
# title: Subnet takes the whole VPC address range
# description: >-
#   A subnet as large as its VPC leaves no addresses for subnets in other availability zones,
#   so the VPC can never become multi-AZ without being rebuilt.
# scope: package
# custom:
#   id: TSA-VPC-102
#   pillar: reliability
#   severity: medium
#   resource_types: [vpc.subnet]
#   joins: [vpc.vpc]
#   reads: [data.VpcId, data.CidrBlock]
#   remediation: >-
#     Add a secondary CIDR block to the VPC for new subnets in other zones, or plan a migration
#     to a VPC whose range is split into per-zone subnets.
#   tam_recommendation: >-
#     Plan VPC ranges with room for one subnet per tier per zone from the start; a /16 VPC with
#     /24 subnets leaves space to grow.
#   references:
#     - https://cloud.tencent.com/document/product/215/30313
#     - https://cloud.tencent.com/document/api/215/15784
#     - https://www.tencentcloud.com/document/api/215/15784
#   params: {}
#   catalogue: REL-27
#   i18n:
#     zh-CN:
#       title: 子网占用了整个 VPC 的地址段
#       description: >-
#         子网与其所在 VPC 一样大，其他可用区已没有地址可以划分子网，这个 VPC 不重建就无法实现多可用区部署。
#       remediation: >-
#         为 VPC 添加辅助网段，用于在其他可用区新建子网；或规划迁移到按可用区划分子网的新 VPC。
#       tam_recommendation: >-
#         从一开始就为每个可用区的每一层预留子网空间，例如 /16 的 VPC 搭配 /24 的子网，留出扩展余地。
package tsa.rules.vpc.subnet_equals_vpc

import data.tsa.lib.fields

vpcs := object.get(input.resources, "vpc.vpc", [])

vpc_cidrs := {id: cidrs |
	some v in vpcs
	id := v.id
	cidrs := {c | some x in vpcs; x.id == id; c := trim_space(fields.str(x.data, "CidrBlock"))}
}

deny contains finding if {
	some s in input.resources["vpc.subnet"]
	vpc_id := fields.str(s.data, "VpcId")
	cidr := trim_space(fields.str(s.data, "CidrBlock"))
	cidr != ""
	cidr in vpc_cidrs[vpc_id]
	finding := {
		"resource": s.id,
		"message": sprintf("subnet %s (%s) uses the whole address range %s of VPC %s", [s.id, s.name, cidr, vpc_id]),
		"evidence": {"CidrBlock": cidr, "VpcId": vpc_id, "Zone": object.get(s.data, "Zone", null)},
	}
}

unknown contains {"resource": s.id, "reason": "the subnet's VpcId or CidrBlock is absent or null"} if {
	some s in object.get(input.resources, "vpc.subnet", [])
	some k in ["VpcId", "CidrBlock"]
	not is_string(object.get(s.data, k, null))
}

unknown contains {"resource": s.id, "reason": sprintf("VPC %s of the subnet is not in the inventory, or has no CidrBlock", [s.data.VpcId])} if {
	some s in object.get(input.resources, "vpc.subnet", [])
	is_string(s.data.VpcId)
	count(object.get(vpc_cidrs, s.data.VpcId, {""}) - {""}) == 0
}
