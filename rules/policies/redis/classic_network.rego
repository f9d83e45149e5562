# METADATA
# title: Redis instance on the classic network
# description: >-
#   The classic (basic) network is a shared flat network being retired; instances on it cannot
#   use VPC isolation, security controls or private connectivity features.
# scope: package
# custom:
#   id: TSA-REDIS-102
#   pillar: reliability
#   severity: medium
#   resource_types: [redis.instance]
#   remediation: >-
#     Switch the instance to a VPC (Instance details > Switch network), keeping the old
#     address for a transition period.
#   tam_recommendation: >-
#     Plan the classic-to-VPC migration of every cache now, with the old address retained until
#     all clients use the new one.
#   references: []
#   params: {}
#   catalogue: REL-14
package tsa.rules.redis.classic_network

import data.tsa.lib.vpc

deny contains finding if {
	some i in input.resources["redis.instance"]
	vpc.classic(i.data)
	finding := {
		"resource": i.id,
		"message": sprintf("Redis instance %s (%s) is on the classic network (no VPC)", [i.id, i.name]),
		"evidence": {"UniqVpcId": object.get(i.data, "UniqVpcId", null), "VpcId": object.get(i.data, "VpcId", null)},
	}
}
