package tsa.rules.cam.user_cos_full_access_test

import data.tsa.rules.cam.user_cos_full_access as rule

params := {"TSA-CAM-008": {"full_access_policies": ["QcloudCOSFullAccess"]}}

run(policies) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cam.user": [{"type": "cam.user", "id": "100020000002", "name": "uploader", "data": {}, "related": {"policies": policies}}]}}
}

test_cos_full_access_fails if {
	some f in run([{"PolicyId": "9", "PolicyName": "QcloudCOSFullAccess"}])
	f.resource == "100020000002"
	contains(f.message, "sub-user uploader (100020000002)")
	f.evidence.PolicyName == ["QcloudCOSFullAccess"]
}

test_read_only_passes if {
	count(run([{"PolicyName": "QcloudCOSReadOnlyAccess"}])) == 0
}

test_deactivated_passes if {
	count(run([{"PolicyName": "QcloudCOSFullAccess", "Deactived": "1"}])) == 0
}

test_empty_policies_pass if {
	count(run([])) == 0
}

test_unread_policies_not_failed if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cam.user": [{"type": "cam.user", "id": "1", "name": "x", "data": {}, "related": {}}]}}
}
