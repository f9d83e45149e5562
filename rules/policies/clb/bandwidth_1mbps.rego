# METADATA
# title: Internet-facing load balancer capped at 1 Mbps
# description: >-
#   1 Mbps is the default cap of a new bill-by-bandwidth load balancer; left there, any real
#   traffic saturates it and requests time out.
# scope: package
# custom:
#   id: TSA-CLB-107
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   reads: [data.LoadBalancerType, data.NetworkAttributes]
#   remediation: >-
#     Raise the load balancer's outbound bandwidth cap (Modify bandwidth) to the peak the
#     service needs, or move it to a bandwidth package.
#   tam_recommendation: >-
#     Check bandwidth caps of every public entry point before launch; a 1 Mbps cap is almost
#     always a forgotten default.
#   references:
#     - https://cloud.tencent.com/document/api/214/30685
#     - https://www.tencentcloud.com/document/api/214/30685
#     - https://cloud.tencent.com/document/product/1199/49090
#   params:
#     max_mbps: 1
#   catalogue: REL-23
#   i18n:
#     zh-CN:
#       title: 公网负载均衡带宽上限仅 1 Mbps
#       description: >-
#         1 Mbps 是新建按带宽计费负载均衡的默认带宽上限；如果一直保持这个值，任何真实流量都会把带宽跑满，请求随之超时。
#       remediation: >-
#         将负载均衡的出带宽上限调整到业务峰值所需（调整带宽），或将其加入共享带宽包。
#       tam_recommendation: >-
#         上线前检查每个公网入口的带宽上限；1 Mbps 几乎总是被遗忘的默认值。
package tsa.rules.clb.bandwidth_1mbps

import data.tsa.lib.clb

params := input.params["TSA-CLB-107"]

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	clb.public(lb)
	cap := lb.data.NetworkAttributes.InternetMaxBandwidthOut
	is_number(cap)
	cap > 0
	cap <= params.max_mbps
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s) is capped at %v Mbps outbound", [lb.id, lb.name, cap]),
		"evidence": {"InternetMaxBandwidthOut": cap, "InternetChargeType": object.get(lb.data.NetworkAttributes, "InternetChargeType", null)},
	}
}

unknown contains {"resource": lb.id, "reason": "LoadBalancerType is absent or null"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	not is_string(object.get(lb.data, "LoadBalancerType", null))
}

unknown contains {"resource": lb.id, "reason": "the load balancer is public and NetworkAttributes.InternetMaxBandwidthOut is absent or null"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	clb.public(lb)
	not is_number(object.get(lb.data, ["NetworkAttributes", "InternetMaxBandwidthOut"], null))
}
