# METADATA
# title: Instance with low CPU and network use
# description: >-
#   An instance whose daily CPU and network traffic stay very low on several of the last 14 days
#   is probably oversized or idle, and costs money for nothing.
# scope: package
# custom:
#   id: TSA-CVM-301
#   pillar: cost
#   severity: medium
#   resource_types: [cvm.instance]
#   joins: [monitor.metric]
#   remediation: >-
#     Downsize the instance (Adjust configuration), consolidate it with others, or terminate it
#     if it serves nothing.
#   tam_recommendation: >-
#     Review low-utilization instances monthly with their owners; downsize or move bursty
#     workloads to scaling groups or serverless.
#   references: []
#   params:
#     max_cpu_percent: 10
#     max_network_mb_per_day: 5
#     min_days: 4
#     window_days: 14
#   catalogue: COST-02
package tsa.rules.cvm.low_utilization

import data.tsa.lib.metrics

params := input.params["TSA-CVM-301"]

network_keys := ["cvm_wan_out", "cvm_lan_out"]

# low_days lists the days (counted back from the newest, 1 = latest) on which CPU and the
# outbound traffic of every network series were all at or below the limits. Outbound Mbps are
# daily averages, so megabytes per day = Mbps × 86400 / 8.
low_days(cpu, nets) := [{"day": d, "cpu_percent": c, "network_mb": mb} |
	n := min(array.concat([count(cpu), params.window_days], [count(x) | some x in nets]))
	n > 0
	some d in numbers.range(1, n)
	c := cpu[count(cpu) - d]
	is_number(c)
	c <= params.max_cpu_percent
	mbps := [x[count(x) - d] | some x in nets]
	every v in mbps { is_number(v) }
	mb := (sum(mbps) * 86400) / 8
	mb <= params.max_network_mb_per_day
]

deny contains finding if {
	some i in input.resources["cvm.instance"]
	cpu := metrics.daily(metrics.series("cvm_cpu", i.id))
	nets := [metrics.daily(s) | some k in network_keys; s := metrics.series(k, i.id)]
	count(nets) > 0
	days := low_days(cpu, nets)
	count(days) >= params.min_days
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s): CPU ≤ %v%% and network ≤ %v MB on %d of the last %d days", [i.id, i.name, params.max_cpu_percent, params.max_network_mb_per_day, count(days), params.window_days]),
		"evidence": {"low_days": count(days), "window_days": params.window_days, "days": days},
	}
}
