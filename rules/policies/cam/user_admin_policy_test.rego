package tsa.rules.cam.user_admin_policy_test

import data.tsa.rules.cam.user_admin_policy as rule

params := {"TSA-CAM-007": {"admin_policies": ["AdministratorAccess"]}}

user(related) := {"type": "cam.user", "id": "100020000001", "name": "dev-bob", "data": {}, "related": related}

run(u) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cam.user": [u]}}
}

unknown(u) := r if {
	r := rule.unknown with input as {"params": params, "resources": {"cam.user": [u]}}
}

custom(id, name) := {"PolicyId": id, "PolicyName": name, "StrategyType": "1"}

doc(statements) := {"version": "2.0", "statement": statements}

test_direct_admin_fails if {
	some f in run(user({"policies": [{"PolicyId": "1", "PolicyName": "AdministratorAccess", "StrategyType": "2"}], "policy_documents": {}}))
	contains(f.message, "AdministratorAccess (direct")
	f.evidence.policies[0].PolicyId == "1"
}

test_admin_through_group_fails if {
	some f in run(user({"policies": [{"PolicyId": "1", "PolicyName": "AdministratorAccess", "Groups": [{"GroupId": 7, "GroupName": "ops"}]}]}))
	f.evidence.policies[0].via == "group ops"
}

# The old rule matched names only: a custom policy allowing * on * passed.
test_custom_star_on_star_fails if {
	docs := {"210004623": doc([{"effect": "allow", "action": ["*"], "resource": ["*"]}])}
	some f in run(user({"policies": [custom("210004623", "intern-all")], "policy_documents": docs}))
	f.evidence.policies[0].why == "custom policy allows * on *"
}

test_custom_star_as_strings_and_json_document_fails if {
	docs := {"5": json.marshal({"statement": {"effect": "Allow", "action": "*:*", "resource": "*"}})}
	count(run(user({"policies": [custom(5, "all")], "policy_documents": docs}))) == 1
}

test_custom_star_denied_or_narrow_passes if {
	docs := {
		"5": doc([{"effect": "deny", "action": ["*"], "resource": ["*"]}]),
		"6": doc([{"effect": "allow", "action": ["*"], "resource": ["qcs::cvm:ap-guangzhou::instance/ins-1"]}]),
		"7": doc([{"effect": "allow", "action": ["cvm:*"], "resource": ["*"]}]),
	}
	count(run(user({"policies": [custom("5", "a"), custom("6", "b"), custom("7", "c")], "policy_documents": docs}))) == 0
	count(unknown(user({"policies": [custom("5", "a"), custom("6", "b"), custom("7", "c")], "policy_documents": docs}))) == 0
}

test_deactivated_admin_passes if {
	count(run(user({"policies": [{"PolicyId": "1", "PolicyName": "AdministratorAccess", "Deactived": 1}]}))) == 0
}

test_narrow_policies_pass if {
	u := user({"policies": [{"PolicyId": "2", "PolicyName": "QcloudCVMReadOnlyAccess"}, {"PolicyId": "3", "PolicyName": "ReadOnlyAccess"}]})
	count(run(u)) == 0
	count(unknown(u)) == 0
}

test_no_policies_pass if {
	count(run(user({"policies": []}))) == 0
	count(unknown(user({"policies": []}))) == 0
}

test_unread_policies_unknown if {
	count(run(user({}))) == 0
	some u in unknown(user({}))
	contains(u.reason, "ListAttachedUserAllPolicies")
}

test_null_policies_unknown if {
	count(unknown(user({"policies": null}))) == 1
}

test_unread_or_broken_document_unknown if {
	some u in unknown(user({"policies": [custom("9", "x")], "policy_documents": {}}))
	contains(u.reason, "9")
	count(unknown(user({"policies": [custom("9", "x")]}))) == 1
	count(unknown(user({"policies": [custom("9", "x")], "policy_documents": {"9": "{not json"}}))) == 1
	count(unknown(user({"policies": [custom("9", "x")], "policy_documents": {"9": {"version": "2.0"}}}))) == 1
}

test_admin_policies_parameter_is_honoured if {
	p := {"TSA-CAM-007": {"admin_policies": ["AdministratorAccess", "custom-admin"]}}
	count(rule.deny) == 1 with input as {"params": p, "resources": {"cam.user": [user({"policies": [{"PolicyName": "custom-admin"}]})]}}
}
