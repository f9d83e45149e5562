# METADATA
# title: MySQL disk usage high or storage near the 6 TB ceiling
# description: >-
#   The instance's disk is 80 % full or more (high at 90 %) by the latest daily value of its
#   disk-usage metric, or its storage is sized at 80 % or more of the 6 TB ceiling so it
#   cannot grow much further. A full disk locks the instance read-only.
# scope: package
# custom:
#   id: TSA-CDB-202
#   pillar: service_limits
#   severity: high
#   resource_types: [cdb.instance]
#   joins: [monitor.metric]
#   reads: [metric.cdb_volume, data.Volume]
#   remediation: >-
#     Expand the instance's storage, purge old data and binlogs, or archive cold tables; near
#     the ceiling, split data across instances or move to a larger-capacity architecture.
#   tam_recommendation: >-
#     Alarm at 80 % disk usage and expand before 90 %; plan sharding or archiving well before
#     an instance approaches its storage ceiling.
#   references:
#     - https://www.tencentcloud.com/document/product/248/34716
#     - https://www.tencentcloud.com/document/product/236/40186
#   params:
#     medium_pct: 80
#     high_pct: 90
#     ceiling_gb: 6000
#     ceiling_pct: 80
#   catalogue: LIM-16
#   i18n:
#     zh-CN:
#       title: MySQL 磁盘使用率过高或存储接近 6 TB 上限
#       description: >-
#         按磁盘使用率指标的最新日值，实例磁盘已使用 80% 或更多（90% 为高风险），或其存储规格已达到 6 TB 上
#         限的 80% 以上，难以继续扩容。磁盘写满后实例会被锁为只读。
#       remediation: >-
#         扩容实例存储，清理旧数据和 binlog，或归档冷表；接近上限时，把数据拆分到多个实例或迁移到容量更大的架构。
#       tam_recommendation: >-
#         磁盘使用率 80% 时告警、90% 前完成扩容；在实例接近存储上限之前尽早规划分库分表或归档。
package tsa.rules.cdb.disk_usage_high

import data.tsa.lib.metrics
import data.tsa.lib.metric
import data.tsa.lib.num

params := input.params["TSA-CDB-202"]

problems(db) := array.concat(
	[{"problem": "disk usage", "pct": num.round1(used), "severity": num.level(used, params.medium_pct, params.high_pct)} |
		used := metric.latest(metric.of("cdb_volume", db.id))
		used >= params.medium_pct
	],
	[{"problem": "storage near ceiling", "Volume": gb, "ceiling_gb": params.ceiling_gb, "severity": "medium"} |
		gb := num.of(db.data.Volume)
		num.pct(gb, params.ceiling_gb) >= params.ceiling_pct
	],
)

deny contains finding if {
	some db in input.resources["cdb.instance"]
	ps := problems(db)
	count(ps) > 0
	finding := {
		"resource": db.id,
		"severity": severity(ps),
		"message": sprintf("MySQL instance %s (%s): %s", [db.id, db.name, concat("; ", [describe(p) | some p in ps])]),
		"evidence": {"problems": ps, "Volume": object.get(db.data, "Volume", null)},
	}
}

severity(ps) := "high" if {
	some p in ps
	p.severity == "high"
} else := "medium"

describe(p) := sprintf("disk %v%% full", [p.pct]) if p.problem == "disk usage"

else := sprintf("storage %v GB of the %v GB ceiling", [p.Volume, p.ceiling_gb])

unknown contains {"resource": db.id, "reason": sprintf("Cloud Monitor returned no data for cdb_volume of %s", [db.id])} if {
	some db in input.resources["cdb.instance"]
	not has_data("cdb_volume", db.id)
}

has_data(key, id) if count(metrics.values(key, id)) > 0
