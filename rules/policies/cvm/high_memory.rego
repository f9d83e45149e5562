# METADATA
# title: Instance memory persistently high
# description: >-
#   Daily average memory use above the threshold on several of the last 14 days leaves no headroom for
#   peaks; the system swaps or the OOM killer stops processes.
#   The averages are the day means of the hourly series (cvm_mem_avg): a daily MemUsage value is
#   the day's maximum, so without the hourly series a day whose maximum is over the threshold is
#   unknown.
# scope: package
# custom:
#   id: TSA-CVM-402
#   pillar: performance
#   severity: medium
#   resource_types: [cvm.instance]
#   joins: [monitor.metric]
#   reads: [metric.cvm_mem]
#   remediation: >-
#     Upgrade to a type with more memory, scale out, or find and fix the process
#     that leaks or hoards memory.
#   tam_recommendation: >-
#     Alarm on memory above 85 % and size instances for the working set plus
#     headroom for caches and peaks.
#   references:
#     - https://cloud.tencent.com/document/product/248/6843
#     - https://www.tencentcloud.com/document/product/248/6843
#   params:
#     max_percent: 90
#     min_days: 4
#     window_days: 14
#   catalogue: PERF-02
#   i18n:
#     zh-CN:
#       title: 实例内存使用率持续偏高
#       description: >-
#         最近 14 天中有多天的日均内存使用率高于阈值，没有余量应对峰值，系统会频繁换页或由 OOM 机制杀掉进程。日均值取自按小时采集的序列（cvm_mem_avg）
#         ；按天统计的 MemUsage 是当天最大值，没有小时序列时，最大值超过阈值的日子结果为未知。
#       remediation: >-
#         升级到内存更大的规格、横向扩容，或找出并修复泄漏或占用大量内存的进程。
#       tam_recommendation: >-
#         对超过 85% 的内存使用率设置告警，并按工作集加上缓存和峰值余量来选择实例规格。
package tsa.rules.cvm.high_memory

import data.tsa.lib.metrics

params := input.params["TSA-CVM-402"]

instances := object.get(input.resources, "cvm.instance", [])

# averages is the instance's daily mean memory use over the window, from the hourly series;
# undefined when the series was not read or holds no value.
averages(i) := vs if {
	vs := metrics.last(metrics.numbers(metrics.means(metrics.series("cvm_mem_avg", i.id))), params.window_days)
	count(vs) > 0
}

# maxima is the instance's daily maximum memory use over the window.
maxima(i) := metrics.last(metrics.values("cvm_mem", i.id), params.window_days)

deny contains finding if {
	some i in instances
	avg := averages(i)
	days := metrics.days_above(avg, params.max_percent)
	days >= params.min_days
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s): daily average memory use above %v%% on %d of the last %d days", [i.id, i.name, params.max_percent, days, params.window_days]),
		"evidence": {"metric": "cvm_mem_avg", "statistic": "daily mean of hourly values", "days_over": days, "max_percent": params.max_percent, "daily_means": avg},
	}
}

unknown contains {"resource": i.id, "reason": sprintf("daily memory maxima are above %v%% on %d of the last %d days and the hourly series (cvm_mem_avg) was not read, so the daily averages are unknown", [params.max_percent, days, params.window_days])} if {
	some i in instances
	not averages(i)
	days := metrics.days_above(maxima(i), params.max_percent)
	days >= params.min_days
}
