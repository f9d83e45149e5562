# METADATA
# title: MongoDB dirty cache or CPU persistently high
# description: >-
#   When dirty data exceeds about a fifth of the WiredTiger cache, user threads are drafted
#   into eviction and requests stall; sustained high CPU leaves no headroom for peaks.
# scope: package
# custom:
#   id: TSA-MONGODB-401
#   pillar: performance
#   severity: medium
#   resource_types: [mongodb.instance]
#   joins: [monitor.metric]
#   reads: [metric.mongodb_dirty_cache, metric.mongodb_cpu]
#   remediation: >-
#     Reduce write bursts (batch, throttle), add indexes for the slow queries, or upgrade the
#     instance memory and CPU specification.
#   tam_recommendation: >-
#     Watch the dirty-cache ratio and slow queries together; scale memory before bulk loads and
#     keep CPU under 70 % at peak.
#   references:
#     - https://www.tencentcloud.com/document/product/248/34716
#     - https://www.tencentcloud.com/document/product/240/52507
#   params:
#     max_dirty_percent: 20
#     max_cpu_percent: 80
#     min_days: 4
#     window_days: 14
#   catalogue: PERF-06
#   i18n:
#     zh-CN:
#       title: MongoDB 脏数据比例或 CPU 持续过高
#       description: >-
#         脏数据超过 WiredTiger 缓存约五分之一时，用户线程会被拉去做淘汰，请求随之卡顿；CPU 持续偏高则没有
#         余量应对峰值。
#       remediation: >-
#         削减写入突发（批量、限速），为慢查询补充索引，或升级实例的内存和 CPU 规格。
#       tam_recommendation: >-
#         同时关注脏数据比例和慢查询；批量导入前先扩内存，并把峰值 CPU 控制在 70% 以下。
package tsa.rules.mongodb.high_load

import data.tsa.lib.metrics

params := input.params["TSA-MONGODB-401"]

checks := [
	{"metric": "mongodb_dirty_cache", "threshold": params.max_dirty_percent},
	{"metric": "mongodb_cpu", "threshold": params.max_cpu_percent},
]

problems(i) := {p |
	some c in checks
	days := metrics.days_over(c.metric, i.id, c.threshold, params.window_days)
	days >= params.min_days
	p := object.union(c, {"days_over": days})
}

deny contains finding if {
	some i in input.resources["mongodb.instance"]
	ps := problems(i)
	count(ps) > 0
	finding := {
		"resource": i.id,
		"message": sprintf("MongoDB instance %s (%s): %s above its threshold on at least %d of the last %d days", [i.id, i.name, concat(" and ", sort([p.metric | some p in ps])), params.min_days, params.window_days]),
		"evidence": {"problems": ps},
	}
}

unknown contains {"resource": i.id, "reason": sprintf("Cloud Monitor returned no data for mongodb_cpu of %s", [i.id])} if {
	some i in input.resources["mongodb.instance"]
	not has_data("mongodb_cpu", i.id)
}

has_data(key, id) if count(metrics.values(key, id)) > 0
