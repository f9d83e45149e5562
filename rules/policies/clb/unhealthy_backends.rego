# METADATA
# title: Load balancer has unhealthy real servers
# description: >-
#   Backends failing their health check carry no traffic: the service runs on reduced capacity
#   and the next failure may take it down. A flapping backend also drops in-flight requests.
# scope: package
# custom:
#   id: TSA-CLB-103
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   reads: [related.health]
#   remediation: >-
#     Find why the backends fail the check (process down, port closed, security group, wrong
#     check path) and fix or replace them.
#   tam_recommendation: >-
#     Alarm on unhealthy backend counts and investigate every flapping server; keep spare
#     capacity so one unhealthy backend never overloads the rest.
#   references:
#     - https://www.tencentcloud.com/document/product/214/6097
#     - https://cloud.tencent.com/document/product/214/6097
#     - https://tencentcloud.com/zh/document/product/214/33825
#   params:
#     min_unhealthy: 1
#   catalogue: REL-19
#   i18n:
#     zh-CN:
#       title: 负载均衡存在不健康的后端服务器
#       description: >-
#         健康检查失败的后端不承载流量：服务以降低后的容量运行，再出现一次故障就可能中断；反复抖动的后端还会丢弃正在处理的请求。
#       remediation: >-
#         排查后端健康检查失败的原因（进程退出、端口未监听、安全组、检查路径错误），修复或替换这些后端。
#       tam_recommendation: >-
#         对不健康后端数量设置告警并排查每一台抖动的服务器；保留余量，确保一台后端不健康时其余后端不会过载。
package tsa.rules.clb.unhealthy_backends

import data.tsa.lib.fields

params := input.params["TSA-CLB-103"]

unhealthy(lb) := [{"ListenerId": fields.str(l, "ListenerId"), "LocationId": fields.str(r, "LocationId"), "TargetId": fields.str(t, "TargetId"), "IP": fields.str(t, "IP"), "Port": object.get(t, "Port", null), "HealthStatusDetail": object.get(t, "HealthStatusDetail", null)} |
	some l in fields.list(lb.related.health, "Listeners")
	some r in fields.list(l, "Rules")
	some t in fields.list(r, "Targets")
	t.HealthStatus == false
]

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	bad := unhealthy(lb)
	count(bad) >= params.min_unhealthy
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): %d real server ports fail the health check (%s)", [lb.id, lb.name, count(bad), concat(", ", [sprintf("%s:%v", [b.IP, b.Port]) | some b in bad])]),
		"evidence": {"unhealthy_targets": bad},
	}
}

unknown contains {"resource": lb.id, "reason": "the backends' health was not read (related.health)"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	not is_object(object.get(lb, ["related", "health"], null))
}

unknown contains {"resource": lb.id, "reason": sprintf("%d real server ports report no HealthStatus", [count(unread)])} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	count(unhealthy(lb)) < params.min_unhealthy
	unread := [t |
		some l in fields.list(lb.related.health, "Listeners")
		some r in fields.list(l, "Rules")
		some t in fields.list(r, "Targets")
		not is_boolean(object.get(t, "HealthStatus", null))
	]
	count(unread) > 0
}
