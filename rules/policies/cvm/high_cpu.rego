# METADATA
# title: Instance CPU persistently high
# description: >-
#   Daily average CPU above the threshold on several of the last 14 days leaves no headroom for
#   peaks; latency rises and health checks start failing. The averages are the day means of the
#   hourly series (cvm_cpu_avg): a daily CpuUsage value is the day's maximum, so without the
#   hourly series a day whose maximum is over the threshold cannot be judged (unknown), and only
#   maxima under it show the instance is not hot.
# scope: package
# custom:
#   id: TSA-CVM-401
#   pillar: performance
#   severity: medium
#   resource_types: [cvm.instance]
#   joins: [monitor.metric]
#   reads: [metric.cvm_cpu]
#   remediation: >-
#     Upgrade the instance type, scale out behind the load balancer, or find and fix the process
#     that uses the CPU.
#   tam_recommendation: >-
#     Put the tier in an auto scaling group with a CPU target around 60 %, and alarm on
#     sustained CPU above 80 %.
#   references:
#     - https://www.tencentcloud.com/document/product/248/6843
#     - https://cloud.tencent.com/document/product/248/6843
#   params:
#     max_percent: 90
#     min_days: 4
#     window_days: 14
#   catalogue: PERF-01
#   i18n:
#     zh-CN:
#       title: 实例 CPU 持续高负载
#       description: >-
#         最近 14 天中有多天的日均 CPU 使用率高于阈值，没有余量应对峰值，延迟上升、健康检查开始失败。日均值取自按小时
#         采集的序列（cvm_cpu_avg）的每日平均：按天统计的 CpuUsage 是当天的最大值，因此没有小时序列时，最大值超过阈值
#         的日子无法判断（结果为未知），只有最大值低于阈值才能说明实例不忙。
#       remediation: >-
#         升级实例规格、在负载均衡后横向扩容，或找出并优化占用 CPU 的进程。
#       tam_recommendation: >-
#         将该层放入弹性伸缩组，以 60% 左右的 CPU 为目标值，并对持续高于 80% 的 CPU 设置告警。
package tsa.rules.cvm.high_cpu

import data.tsa.lib.metrics

params := input.params["TSA-CVM-401"]

instances := object.get(input.resources, "cvm.instance", [])

# averages is the instance's daily mean CPU over the window, from the hourly series; undefined
# when the series was not read or holds no value.
averages(i) := vs if {
	vs := metrics.last(metrics.numbers(metrics.means(metrics.series("cvm_cpu_avg", i.id))), params.window_days)
	count(vs) > 0
}

# maxima is the instance's daily maximum CPU over the window.
maxima(i) := metrics.last(metrics.values("cvm_cpu", i.id), params.window_days)

deny contains finding if {
	some i in instances
	avg := averages(i)
	days := metrics.days_above(avg, params.max_percent)
	days >= params.min_days
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s): daily average CPU above %v%% on %d of the last %d days", [i.id, i.name, params.max_percent, days, params.window_days]),
		"evidence": {"metric": "cvm_cpu_avg", "statistic": "daily mean of hourly values", "days_over": days, "max_percent": params.max_percent, "daily_means": avg},
	}
}

unknown contains {"resource": i.id, "reason": sprintf("daily CPU maxima are above %v%% on %d of the last %d days and the hourly series (cvm_cpu_avg) was not read, so the daily averages are unknown", [params.max_percent, days, params.window_days])} if {
	some i in instances
	not averages(i)
	days := metrics.days_above(maxima(i), params.max_percent)
	days >= params.min_days
}
