# METADATA
# title: MongoDB backup failed or missing, or oplog window too short
# description: >-
#   The newest finished backup failed (high), no backup succeeded within the backup cycle plus a
#   day (8 days by default, so a valid weekly schedule passes; medium), or the oplog window is
#   shorter than a day (medium): a failed or stale backup leaves an old restore point, a short
#   oplog limits point-in-time recovery and lets a lagging secondary fall off the oplog.
# scope: package
# custom:
#   id: TSA-MONGODB-102
#   pillar: reliability
#   severity: high
#   resource_types: [mongodb.instance]
#   joins: [monitor.metric]
#   reads: [related.backups, metric.mongodb_oplog_hours]
#   remediation: >-
#     Check the backup task's error and rerun a backup; enlarge the oplog (oplog size
#     setting, or more disk) so it covers at least a day of writes.
#   tam_recommendation: >-
#     Alarm on backup failures and keep an oplog covering at least 24 hours of peak writes, so
#     any point of the last day can be restored.
#   references:
#     - https://www.tencentcloud.com/document/product/240/7108
#     - https://www.tencentcloud.com/document/product/240/74416
#   params:
#     max_backup_age_days: 8
#     min_oplog_hours: 24
#     window_days: 7
#   catalogue: REL-15
#   i18n:
#     zh-CN:
#       title: MongoDB 备份失败或过旧，或 Oplog 保留时长过短
#       description: >-
#         最近一次完成的备份失败（高风险）；在备份周期加一天（默认 8 天，因此每周备份一次的有效策略不会告警）内
#         没有成功的备份（中风险）；或 Oplog 可覆盖的时长不足一天（中风险）。备份失败或过旧意味着恢复点陈旧，
#         Oplog 过短会限制按时间点恢复，并可能让落后的从节点无法追上 Oplog。
#       remediation: >-
#         查看备份任务的失败原因并重新发起备份；调大 Oplog（Oplog 容量设置或扩容磁盘），使其至少覆盖一天的写入量。
#       tam_recommendation: >-
#         为备份失败配置告警，并让 Oplog 至少覆盖 24 小时峰值写入，确保最近一天内任意时间点都可恢复。
package tsa.rules.mongodb.backup_oplog

import data.tsa.lib.fields
import data.tsa.lib.metrics
import data.tsa.lib.time

params := input.params["TSA-MONGODB-102"]

# Backup Status: 1 running, 2 succeeded; anything else did not succeed.
finished(i) := [b |
	some b in i.related.backups
	is_object(b)
	fields.str(b, "StartTime") != ""
	object.get(b, "Status", null) != 1
]

last_finished(i) := b if {
	bs := finished(i)
	newest := max([b.StartTime | some b in bs])
	some b in bs
	b.StartTime == newest
}

# A failed newest backup is high; no success within the cycle is medium.
backup_problems(i) := {p |
	b := last_finished(i)
	object.get(b, "Status", null) != 2
	p := {"problem": "last backup failed", "severity": "high", "BackupName": object.get(b, "BackupName", null), "StartTime": b.StartTime, "Status": object.get(b, "Status", null)}
} | {p |
	is_array(i.related.backups)
	not recent_success(i)
	p := {"problem": sprintf("no successful backup in %v days", [params.max_backup_age_days]), "severity": "medium"}
}

recent_success(i) if {
	some b in finished(i)
	b.Status == 2
	time.age_days(b.StartTime) <= params.max_backup_age_days
}

oplog_problems(i) := {p |
	hours := min(metrics.last(metrics.values("mongodb_oplog_hours", i.id), params.window_days))
	hours < params.min_oplog_hours
	p := {"problem": "oplog window too short", "severity": "medium", "min_oplog_hours": hours}
}

deny contains finding if {
	some i in input.resources["mongodb.instance"]
	ps := backup_problems(i) | oplog_problems(i)
	count(ps) > 0
	finding := {
		"resource": i.id,
		"severity": severity(ps),
		"message": sprintf("MongoDB instance %s (%s): %s", [i.id, i.name, concat("; ", sort([p.problem | some p in ps]))]),
		"evidence": {"problems": ps},
	}
}

severity(ps) := "high" if {
	some p in ps
	p.severity == "high"
} else := "medium"

unknown contains {"resource": i.id, "reason": "its backups (mongodb:DescribeDBBackups) were not read"} if {
	some i in input.resources["mongodb.instance"]
	not is_array(object.get(i, ["related", "backups"], null))
}

unknown contains {"resource": i.id, "reason": sprintf("Cloud Monitor returned no data for mongodb_oplog_hours of %s", [i.id])} if {
	some i in input.resources["mongodb.instance"]
	not has_oplog(i)
}

has_oplog(i) if count(metrics.values("mongodb_oplog_hours", i.id)) > 0
