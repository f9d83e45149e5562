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
#   remediation: >-
#     Optimise the slow queries (DBbrain slow-log analysis, missing indexes), move reads to
#     read-only instances, or upgrade the instance specification.
#   tam_recommendation: >-
#     Review the slow log weekly with DBbrain, and keep CPU under 70 % at peak by scaling up or
#     offloading reads before big events.
#   references: []
#   params:
#     max_cpu_percent: 80
#     threads_per_core: 2
#     min_days: 4
#     window_days: 14
#   catalogue: PERF-04
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
