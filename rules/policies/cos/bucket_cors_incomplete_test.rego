package tsa.rules.cos.bucket_cors_incomplete_test

import data.tsa.rules.cos.bucket_cors_incomplete as rule

run(cors) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"cos.bucket": [{"id": "web-1250000000", "name": "web-1250000000", "data": {}, "related": {"cors": cors}}]}}
}

full_rule := {"ID": "web", "AllowedOrigin": ["https://www.example.com"], "AllowedMethod": ["GET", "PUT"], "AllowedHeader": ["Content-Type"], "ExposeHeader": ["ETag"], "MaxAgeSeconds": 600}

test_rule_without_headers_fails if {
	some f in run({"CORSConfiguration": {"CORSRule": [{"ID": "open", "AllowedOrigin": "*", "AllowedMethod": "GET"}]}})
	f.evidence.CORSRule[0].missing == ["AllowedHeader", "ExposeHeader"]
	contains(f.message, "AllowedHeader or ExposeHeader")
}

test_rule_without_expose_header_fails if {
	some f in run({"CORSConfiguration": {"CORSRule": {"ID": "one", "AllowedOrigin": "*", "AllowedHeader": "*"}}})
	f.evidence.CORSRule[0].missing == ["ExposeHeader"]
}

test_one_finding_for_several_rules if {
	count(run({"CORSConfiguration": {"CORSRule": [{"ID": "a"}, {"ID": "b"}, full_rule]}})) == 1
}

test_sdk_shaped_rules_are_read if {
	count(run({"Rules": [{"ID": "x", "AllowedOrigins": ["*"], "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"]}]})) == 0
	count(run({"Rules": [{"ID": "x", "AllowedOrigins": ["*"]}]})) == 1
}

test_complete_rule_passes if {
	count(run({"CORSConfiguration": {"CORSRule": [full_rule]}})) == 0
}

test_no_cors_passes if {
	count(run(null)) == 0
	count(run({"CORSConfiguration": {"CORSRule": []}})) == 0
}

test_unread_cors_unknown if {
	b := {"id": "web-1250000000", "name": "web-1250000000", "data": {}, "related": {}}
	count(rule.deny) == 0 with input as {"params": {}, "resources": {"cos.bucket": [b]}}
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"cos.bucket": [b]}}
	count(rule.unknown) == 0 with input as {"params": {}, "resources": {"cos.bucket": [object.union(b, {"related": {"cors": null}})]}}
}
