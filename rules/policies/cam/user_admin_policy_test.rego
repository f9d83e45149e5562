package tsa.rules.cam.user_admin_policy_test

import data.tsa.rules.cam.user_admin_policy as rule

params := {"TSA-CAM-007": {"admin_policies": ["AdministratorAccess"]}}

run(policies) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cam.user": [{"type": "cam.user", "id": "100020000001", "name": "dev-bob", "data": {}, "related": {"policies": policies}}]}}
}

test_direct_admin_fails if {
	some f in run([{"PolicyId": "1", "PolicyName": "AdministratorAccess", "StrategyType": "2"}])
	contains(f.message, "AdministratorAccess (direct)")
	f.evidence.policies[0].PolicyId == "1"
}

test_admin_through_group_fails if {
	some f in run([{"PolicyId": "1", "PolicyName": "AdministratorAccess", "Groups": [{"GroupId": 7, "GroupName": "ops"}]}])
	f.evidence.policies[0].via == "group ops"
}

test_deactivated_admin_passes if {
	count(run([{"PolicyId": "1", "PolicyName": "AdministratorAccess", "Deactived": 1}])) == 0
}

test_narrow_policies_pass if {
	count(run([{"PolicyId": "2", "PolicyName": "QcloudCVMReadOnlyAccess"}, {"PolicyId": "3", "PolicyName": "ReadOnlyAccess"}])) == 0
}

test_no_policies_pass if {
	count(run([])) == 0
}

test_unread_policies_not_failed if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cam.user": [{"type": "cam.user", "id": "1", "name": "x", "data": {}, "related": {}}]}}
}

test_admin_policies_parameter_is_honoured if {
	p := {"TSA-CAM-007": {"admin_policies": ["AdministratorAccess", "custom-admin"]}}
	count(rule.deny) == 1 with input as {"params": p, "resources": {"cam.user": [{"type": "cam.user", "id": "1", "name": "x", "data": {}, "related": {"policies": [{"PolicyName": "custom-admin"}]}}]}}
}
