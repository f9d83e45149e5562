package tsa.rules.cos.lifecycle_missing_test

import data.tsa.rules.cos.lifecycle_missing as rule

params := {"TSA-COS-301": {"require_abort_multipart": true}}

run(lifecycle) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cos.bucket": [{"id": "data-1250000000", "name": "data-1250000000", "data": {}, "related": {"lifecycle": lifecycle}}]}}
}

expire := {"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": "tmp/"}, "Expiration": {"Days": 30}}

abort := {"ID": "abort", "Status": "Enabled", "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}

test_no_lifecycle_fails if {
	some f in run(null)
	f.evidence.problems == {"no enabled lifecycle rule"}
}

test_only_disabled_rules_fail if {
	some f in run({"LifecycleConfiguration": {"Rule": [object.union(expire, {"Status": "Disabled"})]}})
	f.evidence.lifecycle_rules == 1
	f.evidence.enabled_rules == 0
}

test_no_abort_rule_fails if {
	some f in run({"LifecycleConfiguration": {"Rule": [expire]}})
	f.evidence.problems == {"no rule aborts incomplete multipart uploads"}
}

test_rules_with_abort_pass if {
	count(run({"LifecycleConfiguration": {"Rule": [expire, abort]}})) == 0
}

test_single_rule_as_object_read if {
	count(run({"LifecycleConfiguration": {"Rule": abort}})) == 0
	count(run({"Rule": [abort]})) == 0
}

test_disabled_abort_rule_does_not_count if {
	count(run({"LifecycleConfiguration": {"Rule": [expire, object.union(abort, {"Status": "Disabled"})]}})) == 1
}

test_abort_requirement_is_a_parameter if {
	count(rule.deny) == 0 with input as {"params": {"TSA-COS-301": {"require_abort_multipart": false}}, "resources": {"cos.bucket": [{"id": "b-1", "name": "b", "data": {}, "related": {"lifecycle": {"LifecycleConfiguration": {"Rule": [expire]}}}}]}}
}

test_odd_shapes if {
	count(run({"LifecycleConfiguration": null})) == 1
	count(run({"LifecycleConfiguration": {"Rule": [null, "x"]}})) == 1
	count(run({"LifecycleConfiguration": {"Rule": [object.union(abort, {"AbortIncompleteMultipartUpload": null})]}})) == 1
}

test_unread_lifecycle_unknown if {
	b := {"id": "data-1250000000", "name": "data-1250000000", "data": {}, "related": {}}
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cos.bucket": [b]}}
	count(rule.unknown) == 1 with input as {"params": params, "resources": {"cos.bucket": [b]}}
}
