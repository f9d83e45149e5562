# METADATA
# title: Instance with low CPU and network use
# description: >-
#   An instance whose daily CPU and network traffic stay very low on several of the last 14 days
#   is probably oversized or idle, and costs money for nothing. Days are judged on their means
#   (the hourly series cvm_cpu_avg, cvm_lan_out_avg, cvm_wan_out_avg) when tsa read them; the
#   daily values Cloud Monitor gives are the day's maxima, which can show a day was quiet but
#   not that it was busy, so an instance they do not show idle is unknown without the means.
# scope: package
# custom:
#   id: TSA-CVM-301
#   pillar: cost
#   severity: medium
#   resource_types: [cvm.instance]
#   joins: [monitor.metric]
#   reads: [metric.cvm_cpu]
#   remediation: >-
#     Downsize the instance (Adjust configuration), consolidate it with others, or terminate it
#     if it serves nothing.
#   tam_recommendation: >-
#     Review low-utilization instances monthly with their owners; downsize or move bursty
#     workloads to scaling groups or serverless.
#   references:
#     - https://www.tencentcloud.com/document/product/248/6843
#     - https://cloud.tencent.com/document/product/248/6843
#   params:
#     max_cpu_percent: 10
#     max_network_mb_per_day: 5
#     min_days: 4
#     window_days: 14
#   catalogue: COST-02
#   i18n:
#     zh-CN:
#       title: 实例 CPU 和网络使用率低
#       description: >-
#         最近 14 天中有多天 CPU 和网络流量都很低的实例，很可能规格过大或已闲置，白白产生费用。若已读取按小时采集的
#         序列（cvm_cpu_avg、cvm_lan_out_avg、cvm_wan_out_avg），按每日平均值判断；云监控按天给出的是当天最大值，
#         只能证明某天空闲、不能证明某天繁忙，因此在没有平均值时，最大值无法证明空闲的实例结果为未知。
#       remediation: >-
#         降低实例规格（调整配置）、与其他实例合并部署，若已不承载任何业务则直接退还。
#       tam_recommendation: >-
#         每月与业务负责人一起复核低利用率实例；对其降配，或将突发型负载迁移到弹性伸缩组或 Serverless。
package tsa.rules.cvm.low_utilization

import data.tsa.lib.metrics

params := input.params["TSA-CVM-301"]

instances := object.get(input.resources, "cvm.instance", [])

network_keys := ["cvm_wan_out", "cvm_lan_out"]

# daily is one metric's per-day values for an instance: {"values", "mean"}, the day means of
# the hourly "<key>_avg" series when it was read, else the daily values (maxima).
daily(key, id) := {"values": metrics.means(m), "mean": true} if {
	m := metrics.series(concat("", [key, "_avg"]), id)
	count(metrics.numbers(metrics.means(m))) > 0
} else := {"values": metrics.daily(metrics.series(key, id)), "mean": false}

cpu(i) := daily("cvm_cpu", i.id)

nets(i) := [d | some k in network_keys; d := daily(k, i.id)]

# exact is true when every series judged is of day means.
exact(i) if {
	cpu(i).mean
	every n in nets(i) { n.mean }
}

# low_days lists the days (counted back from the newest, 1 = latest) on which CPU and the
# outbound traffic of every network series were all at or below the limits. Outbound Mbps are
# per-second rates over the day, so megabytes per day = Mbps × 86400 / 8.
low_days(c, ns) := [{"day": d, "cpu_percent": x, "network_mb": mb} |
	n := min(array.concat([count(c), params.window_days], [count(v) | some v in ns]))
	n > 0
	some d in numbers.range(1, n)
	x := c[count(c) - d]
	is_number(x)
	x <= params.max_cpu_percent
	mbps := [v[count(v) - d] | some v in ns]
	every y in mbps { is_number(y) }
	mb := (sum(mbps) * 86400) / 8
	mb <= params.max_network_mb_per_day
]

days(i) := low_days(cpu(i).values, [n.values | some n in nets(i)])

deny contains finding if {
	some i in instances
	count(nets(i)) > 0
	ds := days(i)
	count(ds) >= params.min_days
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s): CPU ≤ %v%% and network ≤ %v MB on %d of the last %d days", [i.id, i.name, params.max_cpu_percent, params.max_network_mb_per_day, count(ds), params.window_days]),
		"evidence": {"low_days": count(ds), "window_days": params.window_days, "statistic": statistic(i), "days": ds},
	}
}

unknown contains {"resource": i.id, "reason": "Cloud Monitor returned no outbound traffic series (cvm_wan_out, cvm_lan_out)"} if {
	some i in instances
	count(nets(i)) == 0
}

unknown contains {"resource": i.id, "reason": sprintf("the daily maxima show the instance idle on only %d of the last %d days and the hourly series (cvm_cpu_avg, cvm_*_out_avg) were not read, so the daily averages are unknown", [count(days(i)), params.window_days])} if {
	some i in instances
	count(nets(i)) > 0
	count(days(i)) < params.min_days
	not exact(i)
}

statistic(i) := "daily mean of hourly values" if exact(i)

else := "daily maximum (an upper bound of the mean)"
