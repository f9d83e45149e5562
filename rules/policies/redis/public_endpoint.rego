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
#   reads: [data.WanAddress]
#   remediation: >-
#     Turn the public address off and reach the instance from the VPC; if it must stay, bind
#     a security group that admits only known client addresses.
#   tam_recommendation: >-
#     Keep caches private to the VPC; reach them from outside through a bastion host or a
#     proxy with authentication.
#   references:
#     - https://www.tencentcloud.com/document/product/239/43452
#   params: {}
#   catalogue: SEC-19
#   i18n:
#     zh-CN:
#       title: Redis 实例开启了公网地址
#       description: >-
#         实例拥有公网地址，数据存储可从互联网直接访问，面临扫描和密码暴力破解。
#       remediation: >-
#         关闭公网地址，从 VPC 内访问实例；如必须保留，绑定只放通已知客户端地址的安全组。
#       tam_recommendation: >-
#         缓存只在 VPC 内可达；需要从外部访问时，通过堡垒机或带鉴权的代理访问。
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

unknown contains {"resource": r.id, "reason": "its public address field (WanAddress) is missing"} if {
	some r in input.resources["redis.instance"]
	not is_string(object.get(r.data, "WanAddress", null))
}
