package tsa.rules.cos.logging_misconfigured_test

import data.tsa.rules.cos.logging_misconfigured as rule

bucket(name, logging) := {"id": name, "name": name, "data": {"Name": name}, "related": {"logging": logging}}

to(target) := {"BucketLoggingStatus": {"LoggingEnabled": {"TargetBucket": target, "TargetPrefix": "cos-logs/"}}}

run(bs) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"cos.bucket": bs}}
}

unknown(bs) := r if {
	r := rule.unknown with input as {"params": {}, "resources": {"cos.bucket": bs}}
}

# The old rule failed every bucket with logging off; REL-31 asks only where logs go.
test_logging_off_passes if {
	count(run([bucket("data-1250000000", {})])) == 0
	count(run([bucket("data-1250000000", {"BucketLoggingStatus": {}})])) == 0
	count(run([bucket("data-1250000000", {"BucketLoggingStatus": null})])) == 0
	count(unknown([bucket("data-1250000000", {})])) == 0
}

test_same_account_target_passes if {
	count(run([bucket("data-1250000000", to("logs-1250000000")), bucket("logs-1250000000", {})])) == 0
}

test_target_outside_the_listed_buckets_passes if {
	count(run([bucket("data-1250000000", to("gone-1250000000"))])) == 0
}

test_other_account_target_fails if {
	some f in run([bucket("data-1250000000", to("logs-1300000000"))])
	f.evidence.target_appid == "1300000000"
	contains(f.message, "owned by another account (APPID 1300000000)")
}

test_document_without_root_read if {
	count(run([bucket("data-1250000000", {"LoggingEnabled": {"TargetBucket": "data-1250000000"}})])) == 0
	count(run([bucket("data-1250000000", {"LoggingEnabled": {"TargetBucket": "x-1300000000"}})])) == 1
}

test_unread_or_null_logging_unknown if {
	count(run([{"id": "data-1250000000", "name": "d", "data": {}, "related": {}}])) == 0
	count(unknown([{"id": "data-1250000000", "name": "d", "data": {}, "related": {}}])) == 1
	count(unknown([bucket("data-1250000000", null)])) == 1
}

test_unparseable_owner_unknown if {
	count(run([bucket("data-1250000000", to("logs"))])) == 0
	count(unknown([bucket("data-1250000000", to("logs"))])) == 1
}
