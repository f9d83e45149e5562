# METADATA
# title: Instance disk space nearly full
# description: >-
#   When the fullest disk of an instance stays above the threshold, writes, logs and upgrades
#   start failing and the service stops. The window is counted in the series' own period
#   (CvmDiskUsage is read at 300 s, so 7 days are 2016 points; the collector reads the last day).
# scope: package
# custom:
#   id: TSA-CVM-104
#   pillar: reliability
#   severity: high
#   resource_types: [cvm.instance]
#   joins: [monitor.metric]
#   reads: [metric.cvm_disk]
#   remediation: >-
#     Clean up or archive data, or expand the cloud disk (CBS console > Expand capacity) and grow
#     the file system.
#   tam_recommendation: >-
#     Alarm on disk usage at 80 % through Cloud Monitor and expand before 90 %; move logs and
#     archives to COS with lifecycle rules.
#   references:
#     - https://www.tencentcloud.com/document/product/362/5747
#     - https://cloud.tencent.com/document/product/362/5747
#     - https://www.tencentcloud.com/document/product/248/6843
#   params:
#     warn_percent: 80
#     high_percent: 90
#     window_days: 7
#   catalogue: REL-06
#   i18n:
#     zh-CN:
#       title: 实例磁盘空间即将用满
#       description: >-
#         实例使用率最高的磁盘持续高于阈值时，写入、日志和升级都会开始失败，服务随之中断。统计窗口按指标自身的
#         统计周期换算（CvmDiskUsage 以 300 秒为周期采集，7 天即 2016 个数据点；采集器读取最近一天）。
#       remediation: >-
#         清理或归档数据，或扩容云硬盘（云硬盘控制台 > 扩容）并扩展文件系统。
#       tam_recommendation: >-
#         通过云监控在磁盘使用率达到 80% 时告警、在 90% 之前完成扩容；将日志和归档数据迁移到 COS 并配置生命周期规则。
package tsa.rules.cvm.disk_usage_high

import data.tsa.lib.metrics

params := input.params["TSA-CVM-104"]

instances := object.get(input.resources, "cvm.instance", [])

# points is how many values of a series make window_days at the series' own period.
points(m) := ceil((params.window_days * 86400) / metrics.period(m))

# recent is the numeric values of the instance's disk series within the window.
recent(i) := metrics.numbers(metrics.last(v, min([count(v), points(m)]))) if {
	m := metrics.series("cvm_disk", i.id)
	v := metrics.daily(m)
}

# hours is how long the values of the window span, for the message.
hours(i) := round((min([count(metrics.daily(m)), points(m)]) * metrics.period(m)) / 3600) if m := metrics.series("cvm_disk", i.id)

deny contains finding if {
	some i in instances
	vs := recent(i)
	count(vs) > 0
	peak := max(vs)
	peak >= params.warn_percent
	finding := {
		"resource": i.id,
		"severity": severity(peak),
		"message": sprintf("instance %s (%s): disk usage reached %v%% in the last %d hours of data", [i.id, i.name, metrics.round2(peak), hours(i)]),
		"evidence": {"metric": "cvm_disk", "peak_percent": peak, "window_days": params.window_days, "hours_of_data": hours(i), "points": count(vs)},
	}
}

unknown contains {"resource": i.id, "reason": "the cvm_disk series has no Period, so its window cannot be counted"} if {
	some i in instances
	m := metrics.series("cvm_disk", i.id)
	not metrics.period(m)
}

unknown contains {"resource": i.id, "reason": "Cloud Monitor returned only null values for cvm_disk in the window"} if {
	some i in instances
	count(recent(i)) == 0
}

severity(peak) := "high" if peak >= params.high_percent

else := "medium"
