# METADATA
# title: Classic load balancer
# description: >-
#   Classic CLB instances lack layer-7 forwarding rules, rich health checks and newer features,
#   and are being phased out in favour of standard CLB.
# scope: package
# custom:
#   id: TSA-CLB-106
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   reads: [data.Forward]
#   remediation: >-
#     Upgrade the classic CLB to a CLB instance (the console offers an in-place upgrade that
#     keeps the VIP) or recreate it as a standard CLB.
#   tam_recommendation: >-
#     Upgrade classic load balancers during a maintenance window; the in-place upgrade keeps the
#     address, so clients need no change.
#   references:
#     - https://cloud.tencent.com/document/api/214/30685
#     - https://www.tencentcloud.com/document/api/214/30685
#     - https://cloud.tencent.com/document/product/214/517
#   params: {}
#   catalogue: REL-22
#   i18n:
#     zh-CN:
#       title: 传统型负载均衡
#       description: >-
#         传统型负载均衡缺少七层转发规则、完善的健康检查等能力，也无法使用新功能，正在被负载均衡（原应用型）取代。
#       remediation: >-
#         将传统型负载均衡升级为负载均衡（控制台支持保留 VIP 的原地升级），或重新创建为标准的负载均衡。
#       tam_recommendation: >-
#         在维护窗口内升级传统型负载均衡；原地升级保留原地址，客户端无需任何改动。
package tsa.rules.clb.classic_type

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	lb.data.Forward == 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s) is a classic CLB (Forward 0)", [lb.id, lb.name]),
		"evidence": {"Forward": 0},
	}
}

unknown contains {"resource": lb.id, "reason": "Forward is absent or null"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	not is_number(object.get(lb.data, "Forward", null))
}
