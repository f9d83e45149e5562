# METADATA
# title: Redis instance has a public endpoint
# description: >-
#   The instance has a public (WAN) address, so the data store is reachable from the
#   internet and exposed to scanning and password brute force.
# scope: package
# custom:
#   id: TSA-REDIS-002
#   pillar: security
#   severity: medium
#   resource_types: [redis.instance]
#   remediation: >-
#     Turn the public address off and reach the instance from the VPC; if it must stay, bind
#     a security group that admits only known client addresses.
#   tam_recommendation: >-
#     Keep caches private to the VPC; reach them from outside through a bastion host or a
#     proxy with authentication.
#   references: []
#   params: {}
#   catalogue: SEC-19
package tsa.rules.redis.public_endpoint

deny contains finding if {
	some r in input.resources["redis.instance"]
	addr := r.data.WanAddress
	is_string(addr)
	trim_space(addr) != ""
	finding := {
		"resource": r.id,
		"message": sprintf("Redis instance %s (%s) has the public endpoint %s", [r.id, r.name, addr]),
		"evidence": {"WanAddress": addr},
	}
}
