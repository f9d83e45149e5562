# METADATA
# title: MongoDB storage nearly full
# description: >-
#   The instance's disk is 80 % full or more (high at 95 %), by the latest daily value of its
#   disk-usage metric or, without one, by UsedVolume ÷ Volume. At 100 % writes fail.
# scope: package
# custom:
#   id: TSA-MONGODB-202
#   pillar: service_limits
#   severity: high
#   resource_types: [mongodb.instance]
#   joins: [monitor.metric]
#   reads: [metric.mongodb_disk, data.UsedVolume, data.Volume]
#   remediation: >-
#     Expand the instance's storage, drop or archive unused collections and indexes, or
#     shard the data.
#   tam_recommendation: >-
#     Alarm at 80 % storage and expand well before 95 %; MongoDB refuses writes when the
#     disk fills.
#   references:
#     - https://www.tencentcloud.com/document/product/248/34716
#     - https://www.tencentcloud.com/document/product/240/52507
#   params:
#     medium_pct: 80
#     high_pct: 95
#   catalogue: LIM-18
#   i18n:
#     zh-CN:
#       title: MongoDB 存储空间即将写满
#       description: >-
#         按磁盘使用率指标的最新日值（没有指标时按 UsedVolume ÷ Volume），实例磁盘已使用 80% 或更
#         多（95% 为高风险）。磁盘写满后写入会失败。
#       remediation: >-
#         扩容实例存储，删除或归档不再使用的集合和索引，或对数据进行分片。
#       tam_recommendation: >-
#         存储使用率 80% 时告警，远在 95% 之前完成扩容；磁盘写满时 MongoDB 会拒绝写入。
package tsa.rules.mongodb.storage_usage_high

import data.tsa.lib.metric
import data.tsa.lib.num

params := input.params["TSA-MONGODB-202"]

# usage is {pct, source}: the metric's latest value, else the instance's own volume figures.
usage(db) := {"pct": p, "source": "mongodb_disk"} if {
	p := metric.latest(metric.of("mongodb_disk", db.id))
} else := {"pct": p, "source": "UsedVolume/Volume"} if {
	p := num.pct(db.data.UsedVolume, db.data.Volume)
}

deny contains finding if {
	some db in input.resources["mongodb.instance"]
	u := usage(db)
	u.pct >= params.medium_pct
	finding := {
		"resource": db.id,
		"severity": num.level(u.pct, params.medium_pct, params.high_pct),
		"message": sprintf("MongoDB instance %s (%s) storage is %v%% full", [db.id, db.name, num.round1(u.pct)]),
		"evidence": {
			"pct": num.round1(u.pct),
			"source": u.source,
			"UsedVolume": object.get(db.data, "UsedVolume", null),
			"Volume": object.get(db.data, "Volume", null),
		},
	}
}

unknown contains {"resource": db.id, "reason": sprintf("Cloud Monitor returned no data for mongodb_disk of %s and its UsedVolume/Volume cannot be read", [db.id])} if {
	some db in input.resources["mongodb.instance"]
	not usage(db)
}
