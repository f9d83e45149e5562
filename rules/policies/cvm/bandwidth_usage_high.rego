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
#   reads: [data.InternetAccessible, metric.cvm_wan_out]
#   remediation: >-
#     Raise the instance's public bandwidth cap (Adjust network), switch to bill-by-traffic or a
#     bandwidth package, or serve static content through CDN.
#   tam_recommendation: >-
#     Size the public bandwidth cap for peak plus headroom, and offload static traffic to CDN so
#     the origin's cap only carries dynamic requests.
#   references:
#     - https://www.tencentcloud.com/document/product/213/10578
#     - https://cloud.tencent.com/document/product/213/10578
#     - https://cloud.tencent.com/document/product/248/6843
#     - https://www.tencentcloud.com/document/product/248/6843
#   params:
#     percent: 80
#     min_days: 3
#     window_days: 14
#   catalogue: REL-07
#   i18n:
#     zh-CN:
#       title: 公网出带宽接近实例的带宽上限
#       description: >-
#         出流量经常达到所购买的公网带宽上限时会丢包，用户在高峰期会遇到超时。
#       remediation: >-
#         提高实例的公网带宽上限（调整网络），改为按流量计费或使用共享带宽包，或通过 CDN 分发静态内容。
#       tam_recommendation: >-
#         公网带宽上限按峰值加余量配置，并把静态流量卸载到 CDN，使源站带宽只承载动态请求。
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

unknown contains {"resource": i.id, "reason": "InternetAccessible.InternetMaxBandwidthOut is absent or null"} if {
	some i in object.get(input.resources, "cvm.instance", [])
	not is_number(object.get(i.data, ["InternetAccessible", "InternetMaxBandwidthOut"], null))
}
