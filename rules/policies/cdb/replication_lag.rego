# METADATA
# title: MySQL replication delay persistently high
# description: >-
#   A replica that lags its source for long stretches serves stale reads, and a failover to it
#   loses or waits for the missing changes.
# scope: package
# custom:
#   id: TSA-CDB-104
#   pillar: reliability
#   severity: medium
#   resource_types: [cdb.instance]
#   joins: [monitor.metric]
#   reads: [metric.cdb_replication_delay]
#   remediation: >-
#     Find the cause (large transactions, tables without primary keys, an undersized replica)
#     and fix it; upgrade the replica's specification if it cannot keep up.
#   tam_recommendation: >-
#     Alarm on replication delay, avoid huge single transactions, and give every table a
#     primary key so row-based replication stays fast.
#   references:
#     - https://www.tencentcloud.com/document/product/248/34716
#     - https://www.tencentcloud.com/document/product/236/7913
#   params:
#     max_delay_seconds: 30
#     min_days: 1
#     window_days: 14
#   catalogue: REL-11
#   i18n:
#     zh-CN:
#       title: MySQL 复制延迟持续过高
#       description: >-
#         备库长时间落后于主库时，读到的是过期数据；切换到该备库会丢失或等待尚未同步的变更。
#       remediation: >-
#         查明原因（大事务、没有主键的表、备库规格不足）并修复；备库跟不上时升级其规格。
#       tam_recommendation: >-
#         为复制延迟配置告警，避免超大单事务，并为每张表设置主键，让基于行的复制保持高效。
package tsa.rules.cdb.replication_lag

import data.tsa.lib.cdb
import data.tsa.lib.metrics

params := input.params["TSA-CDB-104"]

deny contains finding if {
	some i in input.resources["cdb.instance"]
	days := metrics.days_over("cdb_replication_delay", i.id, params.max_delay_seconds, params.window_days)
	days >= params.min_days
	recent := metrics.last(metrics.values("cdb_replication_delay", i.id), params.window_days)
	finding := {
		"resource": i.id,
		"message": sprintf("MySQL instance %s (%s): replication delay averaged over %v s on %d of the last %d days (worst %v s)", [i.id, i.name, params.max_delay_seconds, days, params.window_days, max(recent)]),
		"evidence": {"metric": "cdb_replication_delay", "days_over": days, "max_delay_seconds": max(recent), "daily_values": recent},
	}
}

unknown contains {"resource": i.id, "reason": sprintf("Cloud Monitor returned no data for cdb_replication_delay of %s", [i.id])} if {
	some i in input.resources["cdb.instance"]
	replicates(i)
	not has_data("cdb_replication_delay", i.id)
}

has_data(key, id) if count(metrics.values(key, id)) > 0

# replicates is false only for a single-node primary: nothing replicates from it, so no delay
# is expected.
replicates(i) if not cdb.primary(i)

replicates(i) if not cdb.single_node(i)
