# METADATA
# title: MySQL connections near max_connections
# description: >-
#   The instance's connection utilization (connections ÷ max_connections) peaked at 80 % or
#   more on a day of the window; at 100 % new connections are refused and applications fail.
# scope: package
# custom:
#   id: TSA-CDB-203
#   pillar: service_limits
#   severity: medium
#   resource_types: [cdb.instance]
#   joins: [monitor.metric]
#   reads: [metric.cdb_connection_use]
#   remediation: >-
#     Find idle or leaked connections and fix pool sizes, raise max_connections within the
#     instance spec, or move to a larger spec; add a database proxy for connection pooling.
#   tam_recommendation: >-
#     Size application connection pools against max_connections and alarm at 80 %; a proxy
#     in front of MySQL absorbs connection storms.
#   references:
#     - https://www.tencentcloud.com/document/product/248/34716
#     - https://www.tencentcloud.com/document/product/236/38329
#   params:
#     threshold_pct: 80
#   catalogue: LIM-17
#   i18n:
#     zh-CN:
#       title: MySQL 连接数接近 max_connections
#       description: >-
#         实例的连接使用率（连接数 ÷ max_connections）在统计窗口内某天的峰值达到 80% 或更高；达到 
#         100% 时新连接会被拒绝，应用随之报错。
#       remediation: >-
#         排查空闲或泄漏的连接并调整连接池大小，在规格允许范围内调大 max_connections 或升级规格；引入数据
#         库代理做连接池。
#       tam_recommendation: >-
#         按 max_connections 规划应用连接池，并在 80% 时告警；在 MySQL 前部署代理可以吸收连接
#         风暴。
package tsa.rules.cdb.connection_usage_high

import data.tsa.lib.metrics
import data.tsa.lib.metric
import data.tsa.lib.num

params := input.params["TSA-CDB-203"]

deny contains finding if {
	some db in input.resources["cdb.instance"]
	m := metric.of("cdb_connection_use", db.id)
	peak := metric.peak(m)
	peak >= params.threshold_pct
	finding := {
		"resource": db.id,
		"message": sprintf("MySQL instance %s (%s) used %v%% of max_connections at peak", [db.id, db.name, num.round1(peak)]),
		"evidence": {"metric": m.name, "peak_pct": num.round1(peak), "days": count(metric.values(m))},
	}
}

unknown contains {"resource": db.id, "reason": sprintf("Cloud Monitor returned no data for cdb_connection_use of %s", [db.id])} if {
	some db in input.resources["cdb.instance"]
	not has_data("cdb_connection_use", db.id)
}

has_data(key, id) if count(metrics.values(key, id)) > 0
