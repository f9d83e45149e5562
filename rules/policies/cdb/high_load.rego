# METADATA
# title: MySQL CPU or running threads persistently high
# description: >-
#   Sustained high CPU, or many more running threads than cores, means queries queue for CPU:
#   latency climbs and a burst can stall the instance.
# scope: package
# custom:
#   id: TSA-CDB-401
#   pillar: performance
#   severity: medium
#   resource_types: [cdb.instance]
#   joins: [monitor.metric]
#   reads: [metric.cdb_cpu, metric.cdb_threads_running, data.Cpu]
#   remediation: >-
#     Optimise the slow queries (DBbrain slow-log analysis, missing indexes), move reads to
#     read-only instances, or upgrade the instance specification.
#   tam_recommendation: >-
#     Review the slow log weekly with DBbrain, and keep CPU under 70 % at peak by scaling up or
#     offloading reads before big events.
#   references:
#     - https://www.tencentcloud.com/document/product/248/34716
#     - https://www.tencentcloud.com/document/product/236/7270
#   params:
#     max_cpu_percent: 80
#     threads_per_core: 2
#     min_days: 4
#     window_days: 14
#   catalogue: PERF-04
#   i18n:
#     zh-CN:
#       title: MySQL CPU 或运行线程数持续过高
#       description: >-
#         CPU 持续偏高，或运行中的线程数远多于 CPU 核数，意味着查询在排队等待 CPU：延迟上升，一次突发就可能让
#         实例卡死。
#       remediation: >-
#         优化慢查询（DBbrain 慢日志分析、补充缺失的索引），把读请求分流到只读实例，或升级实例规格。
#       tam_recommendation: >-
#         每周用 DBbrain 复盘慢日志，在大促等活动前通过升配或读写分离，把峰值 CPU 控制在 70% 以下。
package tsa.rules.cdb.high_load

import data.tsa.lib.metrics

params := input.params["TSA-CDB-401"]

# problems: each check is its own comprehension, since an undefined one would hide the other.
problems(i) := {p | p := cpu_problem(i)} | {p | p := threads_problem(i)}

cpu_problem(i) := {"metric": "cdb_cpu", "days_over": days, "threshold": params.max_cpu_percent} if {
	days := metrics.days_over("cdb_cpu", i.id, params.max_cpu_percent, params.window_days)
	days >= params.min_days
}

threads_problem(i) := {"metric": "cdb_threads_running", "days_over": days, "threshold": limit, "Cpu": cores} if {
	cores := i.data.Cpu
	is_number(cores)
	cores > 0
	limit := params.threads_per_core * cores
	days := metrics.days_over("cdb_threads_running", i.id, limit, params.window_days)
	days >= params.min_days
}

deny contains finding if {
	some i in input.resources["cdb.instance"]
	ps := problems(i)
	count(ps) > 0
	finding := {
		"resource": i.id,
		"message": sprintf("MySQL instance %s (%s): %s above its threshold on at least %d of the last %d days", [i.id, i.name, concat(" and ", sort([p.metric | some p in ps])), params.min_days, params.window_days]),
		"evidence": {"problems": ps},
	}
}

unknown contains {"resource": i.id, "reason": sprintf("Cloud Monitor returned no data for cdb_cpu of %s", [i.id])} if {
	some i in input.resources["cdb.instance"]
	not has_data("cdb_cpu", i.id)
}

has_data(key, id) if count(metrics.values(key, id)) > 0

unknown contains {"resource": i.id, "reason": "its CPU core count (Cpu) is missing, so running threads cannot be judged"} if {
	some i in input.resources["cdb.instance"]
	not cpu_problem(i)
	not positive(object.get(i.data, "Cpu", null))
}

positive(x) if {
	is_number(x)
	x > 0
}
