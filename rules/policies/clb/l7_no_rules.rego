# METADATA
# title: Layer-7 listener without forwarding rules
# description: >-
#   An HTTP or HTTPS listener with no forwarding rule accepts connections it cannot route:
#   clients get errors, and the listener is usually a leftover or a half-finished change.
# scope: package
# custom:
#   id: TSA-CLB-105
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   reads: [related.listeners]
#   remediation: >-
#     Add the forwarding rules (domain and URL) with their backends, or delete the listener if
#     it is no longer used.
#   tam_recommendation: >-
#     Remove unused listeners and manage listeners and rules as code, so half-configured entry
#     points never reach production.
#   references:
#     - https://cloud.tencent.com/document/api/214/30686
#     - https://www.tencentcloud.com/document/api/214/30686
#     - https://cloud.tencent.com/document/product/214/517
#   params: {}
#   catalogue: REL-21
#   i18n:
#     zh-CN:
#       title: 七层监听器没有转发规则
#       description: >-
#         没有转发规则的 HTTP 或 HTTPS 监听器会接受它无法转发的连接：客户端收到错误，这类监听器通常是遗留或未完成的变更。
#       remediation: >-
#         添加转发规则（域名和 URL）并绑定后端，或删除不再使用的监听器。
#       tam_recommendation: >-
#         删除不再使用的监听器，并以代码方式管理监听器和规则，避免配置不完整的入口进入生产环境。
package tsa.rules.clb.l7_no_rules

import data.tsa.lib.clb
import data.tsa.lib.fields

empty(lb) := [sprintf("%s (%s:%v)", [fields.str(l, "ListenerId"), l.Protocol, object.get(l, "Port", "?")]) |
	some l in lb.related.listeners
	clb.layer7(fields.str(l, "Protocol"))
	count(fields.list(l, "Rules")) == 0
]

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	ls := empty(lb)
	count(ls) > 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): layer-7 listener %s has no forwarding rule", [lb.id, lb.name, concat(", ", ls)]),
		"evidence": {"listeners_without_rules": ls},
	}
}

unknown contains {"resource": lb.id, "reason": "the load balancer's listeners were not read (related.listeners)"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	not is_array(object.get(lb, ["related", "listeners"], null))
}
