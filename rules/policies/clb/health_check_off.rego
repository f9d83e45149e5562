# METADATA
# title: Load balancer health check disabled
# description: >-
#   Without a health check the load balancer keeps sending traffic to a backend that has
#   crashed or hung, and users get errors until someone removes it by hand.
# scope: package
# custom:
#   id: TSA-CLB-102
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   reads: [related.listeners]
#   remediation: >-
#     Enable the health check on every layer-4 listener and layer-7 forwarding rule, with a
#     check path or port that reflects the application's health.
#   tam_recommendation: >-
#     Turn on health checks everywhere and point HTTP checks at a lightweight endpoint that
#     tests the application's dependencies.
#   references:
#     - https://www.tencentcloud.com/document/product/214/6097
#     - https://cloud.tencent.com/document/product/214/6097
#     - https://www.tencentcloud.com/document/product/214/39251
#   params: {}
#   catalogue: REL-18
#   i18n:
#     zh-CN:
#       title: 负载均衡未开启健康检查
#       description: >-
#         没有健康检查时，负载均衡会继续把流量发往已崩溃或卡死的后端，用户会一直收到错误，直到有人手动将其摘除。
#       remediation: >-
#         为每个四层监听器和七层转发规则开启健康检查，检查路径或端口应能反映应用的真实健康状况。
#       tam_recommendation: >-
#         全面开启健康检查，并将 HTTP 检查指向一个能检测应用依赖的轻量接口。
package tsa.rules.clb.health_check_off

import data.tsa.lib.clb
import data.tsa.lib.fields

switched_off(unit) if unit.HealthCheck.HealthSwitch == 0

# Layer-4 listeners carry the health check themselves; layer-7 listeners carry it per rule.
off(lb) := array.concat(
	[sprintf("listener %s (%s:%v)", [fields.str(l, "ListenerId"), l.Protocol, object.get(l, "Port", "?")]) |
		some l in lb.related.listeners
		not clb.layer7(fields.str(l, "Protocol"))
		switched_off(l)
	],
	[sprintf("rule %s (%s%s) of listener %s", [fields.str(r, "LocationId"), fields.str(r, "Domain"), fields.str(r, "Url"), fields.str(l, "ListenerId")]) |
		some l in lb.related.listeners
		clb.layer7(fields.str(l, "Protocol"))
		some r in fields.list(l, "Rules")
		switched_off(r)
	],
)

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	units := off(lb)
	count(units) > 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): health check is off for %s", [lb.id, lb.name, concat("; ", units)]),
		"evidence": {"HealthSwitch": 0, "health_check_off": units},
	}
}

unknown contains {"resource": lb.id, "reason": "the load balancer's listeners were not read (related.listeners)"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	not is_array(object.get(lb, ["related", "listeners"], null))
}

unknown contains {"resource": lb.id, "reason": sprintf("%s has no HealthCheck.HealthSwitch", [where])} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	count(off(lb)) == 0
	where := unreadable(lb)[0]
}

unreadable(lb) := array.concat(
	[sprintf("listener %s", [fields.str(l, "ListenerId")]) |
		some l in lb.related.listeners
		not clb.layer7(fields.str(l, "Protocol"))
		not is_number(object.get(l, ["HealthCheck", "HealthSwitch"], null))
	],
	[sprintf("rule %s of listener %s", [fields.str(r, "LocationId"), fields.str(l, "ListenerId")]) |
		some l in lb.related.listeners
		clb.layer7(fields.str(l, "Protocol"))
		some r in fields.list(l, "Rules")
		not is_number(object.get(r, ["HealthCheck", "HealthSwitch"], null))
	],
)
