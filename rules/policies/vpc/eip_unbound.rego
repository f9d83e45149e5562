# METADATA
# title: Unbound EIP
# description: >-
#   An elastic IP bound to nothing (or only to a detached network interface) is billed for
#   idle time and serves no traffic.
# scope: package
# custom:
#   id: TSA-VPC-301
#   pillar: cost
#   severity: medium
#   resource_types: [vpc.address]
#   reads: [data.AddressStatus]
#   remediation: >-
#     Bind the EIP to the instance that needs it, or release it if it is no longer used.
#   tam_recommendation: >-
#     Release EIPs nobody claims, and reserve addresses only when clients whitelist them.
#   references:
#     - https://cloud.tencent.com/document/product/1199/41646
#     - https://cloud.tencent.com/document/api/215/16702
#     - https://www.tencentcloud.com/document/api/215/16702
#   params:
#     idle_statuses: [UNBIND, BIND_ENI]
#   catalogue: COST-06
#   i18n:
#     zh-CN:
#       title: 未绑定的弹性公网 IP
#       description: >-
#         未绑定任何资源（或只绑定在未挂载的弹性网卡上）的弹性公网 IP 会收取闲置费用，却不承载任何流量。
#       remediation: >-
#         将 EIP 绑定到需要它的实例，或在不再使用时将其释放。
#       tam_recommendation: >-
#         释放无人认领的 EIP，只为需要加白名单的客户端保留固定地址。
package tsa.rules.vpc.eip_unbound

import data.tsa.lib.fields

params := input.params["TSA-VPC-301"]

deny contains finding if {
	some a in input.resources["vpc.address"]
	status := fields.str(a.data, "AddressStatus")
	status in {s | some s in params.idle_statuses}
	finding := {
		"resource": a.id,
		"message": sprintf("EIP %s (%s) is not bound to an instance (%s)", [a.id, fields.str(a.data, "AddressIp"), status]),
		"evidence": {"AddressStatus": status, "InstanceId": object.get(a.data, "InstanceId", null)},
	}
}

unknown contains {"resource": a.id, "reason": "AddressStatus is absent or null"} if {
	some a in object.get(input.resources, "vpc.address", [])
	not is_string(object.get(a.data, "AddressStatus", null))
}
