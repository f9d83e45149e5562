package tsa.rules.cos.logging_misconfigured_test

import data.tsa.rules.cos.logging_misconfigured as rule

params := {"TSA-COS-102": {"require_logging": true}}

bucket(name, logging) := {"id": name, "name": name, "data": {"Name": name}, "related": {"logging": logging}}

to(target) := {"BucketLoggingStatus": {"LoggingEnabled": {"TargetBucket": target, "TargetPrefix": "cos-logs/"}}}

run(bs) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cos.bucket": bs}}
}

test_logging_off_fails if {
	some f in run([bucket("data-1250000000", null)])
	f.evidence.problems == {"access logging is off"}
}

test_empty_logging_status_is_off if {
	count(run([bucket("data-1250000000", {"BucketLoggingStatus": {}})])) == 1
	count(run([bucket("data-1250000000", {"BucketLoggingStatus": null})])) == 1
}

test_same_account_target_passes if {
	count(run([bucket("data-1250000000", to("logs-1250000000")), bucket("logs-1250000000", null)])) == 0
}

test_log_bucket_itself_needs_no_logging if {
	r := run([bucket("data-1250000000", to("logs-1250000000")), bucket("logs-1250000000", null)])
	count([f | some f in r; f.resource == "logs-1250000000"]) == 0
}

test_other_account_target_fails if {
	some f in run([bucket("data-1250000000", to("logs-1300000000"))])
	f.evidence.problems == {"logs go to logs-1300000000, owned by another account (APPID 1300000000)"}
}

test_missing_target_bucket_fails if {
	some f in run([bucket("data-1250000000", to("gone-1250000000"))])
	f.evidence.problems == {"logs go to gone-1250000000, which does not exist"}
}

test_document_without_root_read if {
	count(run([bucket("data-1250000000", {"LoggingEnabled": {"TargetBucket": "data-1250000000"}})])) == 0
}

test_logging_optional_by_parameter if {
	count(rule.deny) == 0 with input as {"params": {"TSA-COS-102": {"require_logging": false}}, "resources": {"cos.bucket": [bucket("data-1250000000", null)]}}
}

test_unread_logging_not_failed if {
	count(run([{"id": "data-1250000000", "name": "d", "data": {}, "related": {}}])) == 0
}
