package tsa.rules.cos.versioning_off_test

import data.tsa.rules.cos.versioning_off as rule

run(related) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"cos.bucket": [{"id": "logs-1250000000", "name": "logs-1250000000", "data": {"Name": "logs-1250000000"}, "related": related}]}}
}

test_empty_configuration_fails if {
	count(run({"versioning": {"VersioningConfiguration": {}}})) == 1
	count(run({"versioning": {"VersioningConfiguration": null}})) == 1
}

test_suspended_fails if {
	some f in run({"versioning": {"VersioningConfiguration": {"Status": "Suspended"}}})
	f.evidence["VersioningConfiguration.Status"] == "Suspended"
}

test_enabled_passes if {
	count(run({"versioning": {"VersioningConfiguration": {"Status": "Enabled"}}})) == 0
}

test_document_without_root_element_read if {
	count(run({"versioning": {"Status": "Enabled"}})) == 0
	count(run({"versioning": {"Status": "Suspended"}})) == 1
}

test_never_turned_on_fails if {
	some f in run({"versioning": {"Status": ""}})
	contains(f.message, "never enabled")
}

test_unread_or_null_versioning_unknown if {
	some related in [{}, {"versioning": null}]
	count(run(related)) == 0
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"cos.bucket": [{"id": "logs-1250000000", "name": "logs-1250000000", "data": {}, "related": related}]}}
}
