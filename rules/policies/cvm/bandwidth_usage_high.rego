# METADATA
# title: Public outbound bandwidth close to the instance's cap
# description: >-
#   When outbound traffic regularly reaches the purchased public bandwidth cap, packets are
#   dropped and users see timeouts at peak hours.
# scope: package
# custom:
#   id: TSA-CVM-105
#   pillar: reliability
#   severity: medium
#   resource_types: [cvm.instance]
#   joins: [monitor.metric]
#   remediation: >-
#     Raise the instance's public bandwidth cap (Adjust network), switch to bill-by-traffic or a
#     bandwidth package, or serve static content through CDN.
#   tam_recommendation: >-
#     Size the public bandwidth cap for peak plus headroom, and offload static traffic to CDN so
#     the origin's cap only carries dynamic requests.
#   references:
#     - https://www.tencentcloud.com/document/product/213/10578
#   params:
#     percent: 80
#     min_days: 3
#     window_days: 14
#   catalogue: REL-07
package tsa.rules.cvm.bandwidth_usage_high

import data.tsa.lib.metrics

params := input.params["TSA-CVM-105"]

cap_mbps(i) := c if {
	c := i.data.InternetAccessible.InternetMaxBandwidthOut
	is_number(c)
	c > 0
}

deny contains finding if {
	some i in input.resources["cvm.instance"]
	cap := cap_mbps(i)
	recent := metrics.last(metrics.peaks("cvm_wan_out", i.id), params.window_days)
	busy := [v | some v in recent; (v * 100) / cap >= params.percent]
	count(busy) >= params.min_days
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s): outbound traffic reached %d%% of its %d Mbps cap on %d of the last %d days (peak %v Mbps)", [i.id, i.name, params.percent, cap, count(busy), count(recent), metrics.round2(max(busy))]),
		"evidence": {"InternetMaxBandwidthOut": cap, "metric": "cvm_wan_out", "days_at_cap": count(busy), "peak_mbps": max(busy), "daily_values": recent},
	}
}
