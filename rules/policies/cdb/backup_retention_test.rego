package tsa.rules.cdb.backup_retention_test

import data.tsa.rules.cdb.backup_retention as rule

params := {"TSA-CDB-105": {"min_retention_days": 7}}

run(related) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cdb.instance": [{"id": "cdb-1", "name": "orders", "data": {}, "related": related}]}}
}

test_zero_retention_fails_high if {
	some f in run({"backup_config": {"BackupExpireDays": 0, "BackupMethod": "physical"}})
	f.severity == "high"
}

test_short_retention_fails_medium if {
	some f in run({"backup_config": {"BackupExpireDays": 3}})
	f.severity == "medium"
	f.evidence.BackupExpireDays == 3
}

test_minimum_itself_passes if {
	count(run({"backup_config": {"BackupExpireDays": 7}})) == 0
	count(run({"backup_config": {"BackupExpireDays": 30}})) == 0
}

test_missing_or_odd_fields_not_failed if {
	count(run({"backup_config": {}})) == 0
	count(run({"backup_config": {"BackupExpireDays": null}})) == 0
	count(run({"backup_config": {"BackupExpireDays": "3"}})) == 0
	count(run({"backup_config": null})) == 0
	count(run({})) == 0
}
