# METADATA
# title: Idle load balancer
# description: >-
#   A load balancer with no backend bound, or with almost no requests for a week, forwards
#   nothing useful but is still billed.
# scope: package
# custom:
#   id: TSA-CLB-301
#   pillar: cost
#   severity: medium
#   resource_types: [clb.load_balancer]
#   joins: [monitor.metric]
#   reads: [related.targets, metric.clb_requests]
#   remediation: >-
#     Confirm the load balancer is unused (DNS records, clients) and terminate it, or bind the
#     backends it should serve.
#   tam_recommendation: >-
#     Review load balancers without backends or traffic monthly; they are usually leftovers of
#     finished projects or test environments.
#   references:
#     - https://cloud.tencent.com/document/api/214/30685
#     - https://www.tencentcloud.com/document/api/214/30685
#     - https://www.tencentcloud.com/document/product/214/45786
#   params:
#     max_daily_requests: 100
#     idle_days: 7
#   catalogue: COST-04
#   i18n:
#     zh-CN:
#       title: 闲置的负载均衡
#       description: >-
#         没有绑定任何后端，或一周内几乎没有请求的负载均衡，不转发任何有用的流量，却仍在计费。
#       remediation: >-
#         确认负载均衡已无人使用（DNS 记录、客户端）后将其退还，或绑定它应服务的后端。
#       tam_recommendation: >-
#         每月复核没有后端或没有流量的负载均衡，它们通常是已结束项目或测试环境的遗留资源。
package tsa.rules.clb.idle

import data.tsa.lib.clb
import data.tsa.lib.fields
import data.tsa.lib.metrics

params := input.params["TSA-CLB-301"]

no_backends(lb) if {
	is_array(lb.related.targets)
	count([t | some s in clb.target_sets(lb); some t in s.targets]) == 0
}

reasons(lb) := {r |
	no_backends(lb)
	r := "no real server is bound"
} | {r |
	recent := metrics.quiet("clb_requests", lb.id, params.max_daily_requests, params.idle_days)
	r := sprintf("at most %v requests a day for the last %d days", [max(recent), params.idle_days])
}

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	rs := reasons(lb)
	count(rs) > 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s) looks idle: %s", [lb.id, lb.name, concat("; ", sort(rs))]),
		"evidence": {"reasons": rs, "listeners": count(fields.list(lb.related, "targets"))},
	}
}

unknown contains {"resource": lb.id, "reason": "the load balancer's backends were not read (related.targets)"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	count(reasons(lb)) == 0
	not is_array(object.get(lb, ["related", "targets"], null))
}
