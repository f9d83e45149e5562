# METADATA
# title: Load balancer backends return many 4xx or 5xx errors
# description: >-
#   A high share of 5xx (for example 502) or 4xx (for example 404) responses from the real
#   servers means failing backends, broken releases or wrong routing that users see.
# scope: package
# custom:
#   id: TSA-CLB-401
#   pillar: performance
#   severity: medium
#   resource_types: [clb.load_balancer]
#   joins: [monitor.metric]
#   reads: [metric.clb_requests, metric.clb_backend_5xx, metric.clb_backend_4xx]
#   remediation: >-
#     Read the CLB access logs to find the failing URLs and backends, then fix the application,
#     the forwarding rules or the backend capacity.
#   tam_recommendation: >-
#     Alarm on backend 5xx rate per load balancer, ship CLB access logs to CLS, and check error
#     rates after every release.
#   references:
#     - https://www.tencentcloud.com/document/product/214/45786
#     - https://cloud.tencent.com/document/api/214/30685
#   params:
#     max_5xx_percent: 5
#     max_4xx_percent: 5
#     min_requests: 1000
#     window_days: 7
#   catalogue: PERF-08
#   i18n:
#     zh-CN:
#       title: 负载均衡后端返回大量 4xx 或 5xx 错误
#       description: >-
#         后端服务器返回的 5xx（如 502）或 4xx（如 404）响应占比过高，说明后端故障、发布有问题或路由配置错误，
#         用户能直接感知到。
#       remediation: >-
#         查看负载均衡访问日志，找出出错的 URL 和后端，然后修复应用、转发规则或扩充后端容量。
#       tam_recommendation: >-
#         按负载均衡对后端 5xx 比例设置告警，将访问日志投递到日志服务 CLS，并在每次发布后检查错误率。
package tsa.rules.clb.backend_errors

import data.tsa.lib.metrics

params := input.params["TSA-CLB-401"]

classes := [
	{"metric": "clb_backend_5xx", "limit": params.max_5xx_percent},
	{"metric": "clb_backend_4xx", "limit": params.max_4xx_percent},
]

total(key, id) := sum(metrics.last(metrics.values(key, id), params.window_days))

problems(lb, requests) := {p |
	some c in classes
	errors := total(c.metric, lb.id)
	share := (errors * 100) / requests
	share > c.limit
	p := {"metric": c.metric, "errors": errors, "percent": metrics.round2(share), "limit_percent": c.limit}
}

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	requests := total("clb_requests", lb.id)
	requests >= params.min_requests
	ps := problems(lb, requests)
	count(ps) > 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): %s of %v requests over the last %d days", [lb.id, lb.name, concat(" and ", sort([sprintf("%v%% %s", [p.percent, p.metric]) | some p in ps])), requests, params.window_days]),
		"evidence": {"requests": requests, "problems": ps},
	}
}

unknown contains {"resource": lb.id, "reason": "Cloud Monitor returned requests but no backend error counts (clb_backend_5xx, clb_backend_4xx)"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	total("clb_requests", lb.id) >= params.min_requests
	some c in classes
	not metrics.values(c.metric, lb.id)
}
