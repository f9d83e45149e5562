package tsa.rules.cos.versioning_off_test

import data.tsa.rules.cos.versioning_off as rule

run(related) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"cos.bucket": [{"id": "logs-1250000000", "name": "logs-1250000000", "data": {"Name": "logs-1250000000"}, "related": related}]}}
}

test_never_configured_fails if {
	some f in run({"versioning": null})
	contains(f.message, "never enabled")
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

test_unread_versioning_not_failed if {
	count(run({})) == 0
}
