# METADATA
# title: Load balancer far below its specification
# description: >-
#   A performance-capacity (LCU) load balancer whose peak concurrent connections stay under a
#   tenth of its specification's limit pays for capacity it never uses. Shared instances are not
#   judged; a specification missing from the table is unknown, never a pass.
# scope: package
# custom:
#   id: TSA-CLB-302
#   pillar: cost
#   severity: medium
#   resource_types: [clb.load_balancer]
#   joins: [monitor.metric]
#   reads: [data.SlaType, metric.clb_connections]
#   remediation: >-
#     Downgrade the instance to a smaller specification (Modify specification), or to the
#     shared type if it needs no guaranteed capacity.
#   tam_recommendation: >-
#     Size performance-capacity load balancers from their measured peak connections plus
#     headroom, and revisit the size after each season's peak.
#   references:
#     - https://www.tencentcloud.com/document/product/214/45786
#     - https://cloud.tencent.com/document/product/214/45786
#   params:
#     percent: 10
#     window_days: 14
#     min_days: 7
#     max_connections_by_sla:
#       clb.c2.medium: 50000
#       clb.c3.small: 100000
#       clb.c3.medium: 200000
#       clb.c4.small: 500000
#       clb.c4.medium: 1000000
#       clb.c4.large: 2000000
#       clb.c4.xlarge: 5000000
#   catalogue: COST-05
#   i18n:
#     zh-CN:
#       title: 负载均衡远低于其规格上限
#       description: >-
#         性能容量型（LCU）负载均衡的峰值并发连接数长期低于其规格上限的十分之一，为从未用到的容量付费。
#         共享型实例不在检查范围内；规格表中没有的规格结果为未知，不会判为通过。
#       remediation: >-
#         将实例降配到更小的规格（调整规格），若无需保障性能也可改回共享型。
#       tam_recommendation: >-
#         按实测峰值连接数加上余量为性能容量型负载均衡选型，并在每个业务高峰季之后重新评估规格。
package tsa.rules.clb.low_utilization

import data.tsa.lib.metrics

params := input.params["TSA-CLB-302"]

lbs := object.get(input.resources, "clb.load_balancer", [])

# shared is true for a shared-type load balancer: no specification, nothing to size down.
shared(lb) if lb.data.SlaType in {"shared", ""}

recent(lb) := metrics.last(metrics.peaks("clb_connections", lb.id), params.window_days)

deny contains finding if {
	some lb in lbs
	limit := params.max_connections_by_sla[lb.data.SlaType]
	rs := recent(lb)
	count(rs) >= params.min_days
	peak := max(rs)
	(peak * 100) / limit < params.percent
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): peak %v concurrent connections is %v%% of the %v that %s allows", [lb.id, lb.name, peak, metrics.round2((peak * 100) / limit), limit, lb.data.SlaType]),
		"evidence": {"SlaType": lb.data.SlaType, "max_connections": limit, "peak_connections": peak, "days": count(rs)},
	}
}

unknown contains {"resource": lb.id, "reason": "SlaType is absent or null"} if {
	some lb in lbs
	not is_string(object.get(lb.data, "SlaType", null))
}

unknown contains {"resource": lb.id, "reason": sprintf("no connection limit is known for specification %s", [lb.data.SlaType])} if {
	some lb in lbs
	is_string(lb.data.SlaType)
	not shared(lb)
	not params.max_connections_by_sla[lb.data.SlaType]
}

unknown contains {"resource": lb.id, "reason": sprintf("Cloud Monitor returned %d days of connections, fewer than the %d needed", [count(recent(lb)), params.min_days])} if {
	some lb in lbs
	params.max_connections_by_sla[lb.data.SlaType]
	recent(lb)
	count(recent(lb)) < params.min_days
}
