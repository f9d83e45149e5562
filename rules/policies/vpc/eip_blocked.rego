# METADATA
# title: Elastic IP blocked (blackholed) by Anti-DDoS
# description: >-
#   An EIP under attack beyond the free protection threshold is blackholed: all traffic to it
#   is dropped until the block is lifted, so the service behind it is unreachable.
# scope: package
# custom:
#   id: TSA-VPC-004
#   pillar: security
#   severity: high
#   resource_types: [vpc.address]
#   reads: [data.IsBlocked]
#   remediation: >-
#     Check the blocking in the Anti-DDoS console and request unblocking; move the service
#     behind Anti-DDoS Pro/Advanced or a CLB with protection if attacks repeat.
#   tam_recommendation: >-
#     Put internet-facing services that have been attacked behind Anti-DDoS Pro and plan a
#     standby address so a blackhole does not stop the business.
#   references:
#     - https://cloud.tencent.com/document/product/1199/41646
#     - https://cloud.tencent.com/document/api/215/16702
#     - https://www.tencentcloud.com/document/api/215/16702
#   params: {}
#   catalogue: SEC-22
#   i18n:
#     zh-CN:
#       title: 弹性公网 IP 被 DDoS 防护封堵（黑洞）
#       description: >-
#         弹性公网 IP 遭受超过免费防护阈值的攻击后会被封堵（黑洞），在解封之前发往该地址的所有流量都会被丢弃，其背后的服务无法访问。
#       remediation: >-
#         在 DDoS 防护控制台查看封堵情况并申请解封；如果攻击反复发生，将服务接入 DDoS 高防或带防护的负载均衡。
#       tam_recommendation: >-
#         曾遭受攻击的公网服务应接入 DDoS 高防，并预留备用地址，避免一次封堵导致业务中断。
package tsa.rules.vpc.eip_blocked

deny contains finding if {
	some eip in input.resources["vpc.address"]
	eip.data.IsBlocked == true
	finding := {
		"resource": eip.id,
		"message": sprintf("EIP %s (%s) is blocked (blackholed)%s", [eip.id, object.get(eip.data, "AddressIp", ""), bound(eip.data)]),
		"evidence": {
			"IsBlocked": true,
			"AddressIp": object.get(eip.data, "AddressIp", null),
			"InstanceId": object.get(eip.data, "InstanceId", null),
		},
	}
}

bound(d) := sprintf("; it serves %s", [d.InstanceId]) if {
	is_string(d.InstanceId)
	d.InstanceId != ""
} else := ""

unknown contains {"resource": eip.id, "reason": "IsBlocked is absent or null"} if {
	some eip in object.get(input.resources, "vpc.address", [])
	not is_boolean(object.get(eip.data, "IsBlocked", null))
}
