package tsa.rules.cam.user_cos_full_access_test

import data.tsa.rules.cam.user_cos_full_access as rule

params := {"TSA-CAM-008": {"full_access_policies": ["QcloudCOSFullAccess"]}}

user(related) := {"type": "cam.user", "id": "100020000002", "name": "uploader", "data": {}, "related": related}

run(u) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cam.user": [u]}}
}

unknown(u) := r if {
	r := rule.unknown with input as {"params": params, "resources": {"cam.user": [u]}}
}

custom(id, name) := {"PolicyId": id, "PolicyName": name, "StrategyType": "1"}

doc(statements) := {"version": "2.0", "statement": statements}

test_cos_full_access_fails if {
	some f in run(user({"policies": [{"PolicyId": "9", "PolicyName": "QcloudCOSFullAccess", "StrategyType": "2"}]}))
	f.resource == "100020000002"
	contains(f.message, "sub-user uploader (100020000002)")
	f.evidence.policies[0].PolicyName == "QcloudCOSFullAccess"
}

# The old rule matched names only: custom policies granting cos:* (or *) on * passed.
test_custom_cos_star_fails if {
	some pattern in ["cos:*", "name/cos:*", "*"]
	docs := {"1": doc([{"effect": "allow", "action": [pattern], "resource": ["*"]}])}
	count(run(user({"policies": [custom("1", "p")], "policy_documents": docs}))) == 1
}

test_custom_cos_star_as_strings_fails if {
	docs := {"1": {"statement": [{"effect": "allow", "action": "name/cos:*", "resource": "*"}, {"effect": "allow", "action": "cdn:PurgeUrlsCache", "resource": "*"}]}}
	some f in run(user({"policies": [custom("1", "ci-cos-full")], "policy_documents": docs}))
	f.evidence.policies[0].PolicyName == "ci-cos-full"
}

test_custom_scoped_cos_passes if {
	docs := {
		"1": doc([{"effect": "allow", "action": ["cos:GetObject", "cos:GetBucket"], "resource": ["*"]}]),
		"2": doc([{"effect": "allow", "action": ["cos:*"], "resource": ["qcs::cos:ap-guangzhou:uid/1300012345:logs-1300012345/*"]}]),
		"3": doc([{"effect": "deny", "action": ["cos:*"], "resource": ["*"]}]),
	}
	u := user({"policies": [custom("1", "a"), custom("2", "b"), custom("3", "c")], "policy_documents": docs})
	count(run(u)) == 0
	count(unknown(u)) == 0
}

test_read_only_passes if {
	count(run(user({"policies": [{"PolicyName": "QcloudCOSReadOnlyAccess"}]}))) == 0
}

test_deactivated_passes if {
	count(run(user({"policies": [{"PolicyName": "QcloudCOSFullAccess", "Deactived": "1"}]}))) == 0
}

test_empty_policies_pass if {
	count(run(user({"policies": []}))) == 0
	count(unknown(user({"policies": []}))) == 0
}

test_unread_policies_unknown if {
	count(run(user({}))) == 0
	count(unknown(user({}))) == 1
	count(unknown(user({"policies": null}))) == 1
}

test_unread_document_unknown if {
	some u in unknown(user({"policies": [custom("7", "x")], "policy_documents": {"8": doc([])}}))
	contains(u.reason, "7")
}
