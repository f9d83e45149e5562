# METADATA
# title: Redis CPU persistently high or proxy throttling outbound traffic
# description: >-
#   A Redis node above the CPU threshold for days answers slowly; throttle events on the proxy
#   mean responses were delayed because the instance hit its outbound bandwidth.
# scope: package
# custom:
#   id: TSA-REDIS-401
#   pillar: performance
#   severity: medium
#   resource_types: [redis.instance]
#   joins: [monitor.metric]
#   reads: [metric.redis_cpu, metric.redis_proxy_throttle]
#   remediation: >-
#     Find big keys and slow commands (slow log, big-key analysis), add shards to spread load,
#     or raise the instance's bandwidth or specification.
#   tam_recommendation: >-
#     Avoid big keys and O(N) commands in hot paths, and scale out shards before peak events
#     rather than after throttling starts.
#   references:
#     - https://www.tencentcloud.com/document/product/248/34716
#     - https://www.tencentcloud.com/document/product/239/18336
#   params:
#     max_cpu_percent: 80
#     min_days: 4
#     max_throttle_events: 0
#     window_days: 14
#   catalogue: PERF-05
#   i18n:
#     zh-CN:
#       title: Redis CPU 持续过高或代理出流量被限流
#       description: >-
#         Redis 节点连续多天 CPU 超过阈值会导致响应变慢；代理出现限流事件说明实例触达出带宽上限，响应被延迟。
#       remediation: >-
#         排查大 Key 和慢命令（慢日志、大 Key 分析），增加分片分摊负载，或提升实例带宽或规格。
#       tam_recommendation: >-
#         热点路径避免大 Key 和 O(N) 命令，在活动高峰之前而不是限流发生之后扩容分片。
package tsa.rules.redis.high_load

import data.tsa.lib.metrics

params := input.params["TSA-REDIS-401"]

problems(i) := {p | p := cpu_problem(i)} | {p | p := throttle_problem(i)}

cpu_problem(i) := {"metric": "redis_cpu", "days_over": days, "threshold": params.max_cpu_percent} if {
	days := metrics.days_over("redis_cpu", i.id, params.max_cpu_percent, params.window_days)
	days >= params.min_days
}

throttle_problem(i) := {"metric": "redis_proxy_throttle", "events": events, "threshold": params.max_throttle_events} if {
	events := sum(metrics.last(metrics.values("redis_proxy_throttle", i.id), params.window_days))
	events > params.max_throttle_events
}

deny contains finding if {
	some i in input.resources["redis.instance"]
	ps := problems(i)
	count(ps) > 0
	finding := {
		"resource": i.id,
		"message": sprintf("Redis instance %s (%s): %s over the last %d days", [i.id, i.name, concat(" and ", sort([describe(p) | some p in ps])), params.window_days]),
		"evidence": {"problems": ps},
	}
}

describe(p) := sprintf("CPU above %v%% on %d days", [p.threshold, p.days_over]) if p.metric == "redis_cpu"

describe(p) := sprintf("%v proxy throttle events", [p.events]) if p.metric == "redis_proxy_throttle"

unknown contains {"resource": i.id, "reason": sprintf("Cloud Monitor returned no data for redis_cpu of %s", [i.id])} if {
	some i in input.resources["redis.instance"]
	not has_data("redis_cpu", i.id)
}

has_data(key, id) if count(metrics.values(key, id)) > 0
