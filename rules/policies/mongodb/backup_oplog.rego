# METADATA
# title: MongoDB backup failed or missing, or oplog window too short
# description: >-
#   A failed or missing backup leaves no restore point; an oplog window shorter than a day
#   limits point-in-time recovery and lets a lagging secondary fall off the oplog.
# scope: package
# custom:
#   id: TSA-MONGODB-102
#   pillar: reliability
#   severity: high
#   resource_types: [mongodb.instance]
#   joins: [monitor.metric]
#   remediation: >-
#     Check the backup task's error and rerun a backup; enlarge the oplog (oplog size
#     setting, or more disk) so it covers at least a day of writes.
#   tam_recommendation: >-
#     Alarm on backup failures and keep an oplog covering at least 24 hours of peak writes, so
#     any point of the last day can be restored.
#   references: []
#   params:
#     max_backup_age_days: 2
#     min_oplog_hours: 24
#     window_days: 7
#   catalogue: REL-15
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

backup_problems(i) := {p |
	b := last_finished(i)
	object.get(b, "Status", null) != 2
	p := {"problem": "last backup failed", "BackupName": object.get(b, "BackupName", null), "StartTime": b.StartTime, "Status": object.get(b, "Status", null)}
} | {p |
	is_array(i.related.backups)
	not recent_success(i)
	p := {"problem": sprintf("no successful backup in %v days", [params.max_backup_age_days])}
}

recent_success(i) if {
	some b in finished(i)
	b.Status == 2
	time.age_days(b.StartTime) <= params.max_backup_age_days
}

oplog_problems(i) := {p |
	hours := min(metrics.last(metrics.values("mongodb_oplog_hours", i.id), params.window_days))
	hours < params.min_oplog_hours
	p := {"problem": "oplog window too short", "min_oplog_hours": hours}
}

deny contains finding if {
	some i in input.resources["mongodb.instance"]
	bps := backup_problems(i)
	ops := oplog_problems(i)
	ps := bps | ops
	count(ps) > 0
	finding := {
		"resource": i.id,
		"severity": severity(bps),
		"message": sprintf("MongoDB instance %s (%s): %s", [i.id, i.name, concat("; ", sort([p.problem | some p in ps]))]),
		"evidence": {"problems": ps},
	}
}

severity(bps) := "high" if count(bps) > 0

else := "medium"
