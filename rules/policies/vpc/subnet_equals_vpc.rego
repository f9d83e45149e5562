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
#   remediation: >-
#     Add a secondary CIDR block to the VPC for new subnets in other zones, or plan a migration
#     to a VPC whose range is split into per-zone subnets.
#   tam_recommendation: >-
#     Plan VPC ranges with room for one subnet per tier per zone from the start; a /16 VPC with
#     /24 subnets leaves space to grow.
#   references: []
#   params: {}
#   catalogue: REL-27
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
