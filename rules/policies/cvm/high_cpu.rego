# METADATA
# title: Instance CPU persistently high
# description: >-
#   Daily average CPU above the threshold on several of the last 14 days leaves no headroom for
#   peaks; latency rises and health checks start failing.
# scope: package
# custom:
#   id: TSA-CVM-401
#   pillar: performance
#   severity: medium
#   resource_types: [cvm.instance]
#   joins: [monitor.metric]
#   remediation: >-
#     Upgrade the instance type, scale out behind the load balancer, or find and fix the process
#     that uses the CPU.
#   tam_recommendation: >-
#     Put the tier in an auto scaling group with a CPU target around 60 %, and alarm on
#     sustained CPU above 80 %.
#   references: []
#   params:
#     max_percent: 90
#     min_days: 4
#     window_days: 14
#   catalogue: PERF-01
package tsa.rules.cvm.high_cpu

import data.tsa.lib.metrics

params := input.params["TSA-CVM-401"]

deny contains finding if {
	some i in input.resources["cvm.instance"]
	days := metrics.days_over("cvm_cpu", i.id, params.max_percent, params.window_days)
	days >= params.min_days
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s): daily CPU above %v%% on %d of the last %d days", [i.id, i.name, params.max_percent, days, params.window_days]),
		"evidence": {"metric": "cvm_cpu", "days_over": days, "max_percent": params.max_percent, "daily_values": metrics.last(metrics.values("cvm_cpu", i.id), params.window_days)},
	}
}
