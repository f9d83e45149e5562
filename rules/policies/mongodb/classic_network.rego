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
#   remediation: >-
#     Switch the instance to a VPC (Instance details > Switch network), keeping the old
#     address for a transition period.
#   tam_recommendation: >-
#     Plan the classic-to-VPC migration of every database now, with the old address retained
#     until all clients use the new one.
#   references: []
#   params: {}
#   catalogue: REL-14
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
