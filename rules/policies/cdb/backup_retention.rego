# METADATA
# title: MySQL backups disabled or kept too briefly
# description: >-
#   Without backups, or with a short retention, data deleted or corrupted by mistake cannot be
#   restored once the retention window has passed.
# scope: package
# custom:
#   id: TSA-CDB-105
#   pillar: reliability
#   severity: high
#   resource_types: [cdb.instance]
#   remediation: >-
#     Set the data backup retention (Backup and restore > Backup settings) to at least seven
#     days, longer for databases with compliance needs.
#   tam_recommendation: >-
#     Keep automatic backups for at least seven days and archive a periodic backup for long-term
#     recovery; test a restore every quarter.
#   references: []
#   params:
#     min_retention_days: 7
#   catalogue: REL-12
package tsa.rules.cdb.backup_retention

params := input.params["TSA-CDB-105"]

deny contains finding if {
	some i in input.resources["cdb.instance"]
	days := i.related.backup_config.BackupExpireDays
	is_number(days)
	days < params.min_retention_days
	finding := {
		"resource": i.id,
		"severity": severity(days),
		"message": message(i, days),
		"evidence": {"BackupExpireDays": days, "min_retention_days": params.min_retention_days},
	}
}

severity(0) := "high"

severity(days) := "medium" if days != 0

message(i, 0) := sprintf("MySQL instance %s (%s) keeps no backups (BackupExpireDays 0)", [i.id, i.name])

message(i, days) := sprintf("MySQL instance %s (%s) keeps backups for only %v days", [i.id, i.name, days]) if days != 0
