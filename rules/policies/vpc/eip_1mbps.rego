# METADATA
# title: Bound EIP capped at 1 Mbps
# description: >-
#   1 Mbps is the smallest EIP bandwidth and often a forgotten default; a bound EIP left there
#   saturates with any real traffic and requests time out.
# scope: package
# custom:
#   id: TSA-VPC-101
#   pillar: reliability
#   severity: medium
#   resource_types: [vpc.address]
#   reads: [data.AddressStatus, data.Bandwidth]
#   remediation: >-
#     Raise the EIP's bandwidth cap (Adjust bandwidth) to the peak the service needs, or add it
#     to a bandwidth package.
#   tam_recommendation: >-
#     Check the bandwidth of every public address before launch and alarm on outbound bandwidth
#     near the cap.
#   references:
#     - https://cloud.tencent.com/document/product/1199/48333
#     - https://cloud.tencent.com/document/api/215/16702
#     - https://www.tencentcloud.com/document/api/215/16702
#   params:
#     max_mbps: 1
#   catalogue: REL-23
#   i18n:
#     zh-CN:
#       title: 已绑定的弹性公网 IP 带宽上限仅 1 Mbps
#       description: >-
#         1 Mbps 是弹性公网 IP 的最小带宽，往往是被遗忘的默认值；已绑定的 EIP 停留在这个带宽上，只要有真实流量就会跑满，
#         请求随之超时。
#       remediation: >-
#         将 EIP 的带宽上限调整到业务峰值所需（调整带宽），或将其加入共享带宽包。
#       tam_recommendation: >-
#         上线前检查每个公网地址的带宽配置，并对接近带宽上限的出流量设置告警。
package tsa.rules.vpc.eip_1mbps

import data.tsa.lib.fields

params := input.params["TSA-VPC-101"]

deny contains finding if {
	some a in input.resources["vpc.address"]
	a.data.AddressStatus == "BIND"
	bw := a.data.Bandwidth
	is_number(bw)
	bw > 0
	bw <= params.max_mbps
	finding := {
		"resource": a.id,
		"message": sprintf("EIP %s (%s) bound to %s is capped at %v Mbps", [a.id, fields.str(a.data, "AddressIp"), fields.str(a.data, "InstanceId"), bw]),
		"evidence": {"Bandwidth": bw, "AddressStatus": "BIND", "InstanceId": fields.str(a.data, "InstanceId")},
	}
}

unknown contains {"resource": a.id, "reason": "AddressStatus is absent or null"} if {
	some a in object.get(input.resources, "vpc.address", [])
	not is_string(object.get(a.data, "AddressStatus", null))
}

unknown contains {"resource": a.id, "reason": "the EIP is bound and its Bandwidth is absent or null"} if {
	some a in object.get(input.resources, "vpc.address", [])
	a.data.AddressStatus == "BIND"
	not is_number(object.get(a.data, "Bandwidth", null))
}
