# METADATA
# title: Instance memory persistently high
# description: >-
#   Daily average memory use above the threshold on several of the last 14 days leaves no headroom for
#   peaks; the system swaps or the OOM killer stops processes.
# scope: package
# custom:
#   id: TSA-CVM-402
#   pillar: performance
#   severity: medium
#   resource_types: [cvm.instance]
#   joins: [monitor.metric]
#   remediation: >-
#     Upgrade to a type with more memory, scale out, or find and fix the process
#     that leaks or hoards memory.
#   tam_recommendation: >-
#     Alarm on memory above 85 % and size instances for the working set plus
#     headroom for caches and peaks.
#   references: []
#   params:
#     max_percent: 90
#     min_days: 4
#     window_days: 14
#   catalogue: PERF-02
package tsa.rules.cvm.high_memory

import data.tsa.lib.metrics

params := input.params["TSA-CVM-402"]

deny contains finding if {
	some i in input.resources["cvm.instance"]
	days := metrics.days_over("cvm_mem", i.id, params.max_percent, params.window_days)
	days >= params.min_days
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s): daily memory use above %v%% on %d of the last %d days", [i.id, i.name, params.max_percent, days, params.window_days]),
		"evidence": {"metric": "cvm_mem", "days_over": days, "max_percent": params.max_percent, "daily_values": metrics.last(metrics.values("cvm_mem", i.id), params.window_days)},
	}
}
