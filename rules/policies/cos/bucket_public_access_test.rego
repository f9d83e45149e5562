package tsa.rules.cos.bucket_public_access_test

import data.tsa.rules.cos.bucket_public_access as rule

all_users := "http://cam.qcloud.com/groups/global/AllUsers"

owner_grant := {"Grantee": {"Type": "CanonicalUser", "ID": "qcs::cam::uin/100012345678:uin/100012345678"}, "Permission": "FULL_CONTROL"}

bucket(related) := {"id": "assets-1250000000", "name": "assets-1250000000", "region": "ap-guangzhou", "data": {"Name": "assets-1250000000"}, "related": related}

acl(grants) := {"AccessControlPolicy": {"Owner": {"ID": "qcs::cam::uin/100012345678:uin/100012345678"}, "AccessControlList": {"Grant": grants}}}

run(related) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"cos.bucket": [bucket(related)]}}
}

test_public_read_acl_fails_medium if {
	some f in run({"acl": acl([owner_grant, {"Grantee": {"Type": "Group", "URI": all_users}, "Permission": "READ"}]), "policy": null})
	f.severity == "medium"
	contains(f.message, "bucket assets-1250000000 allows anyone to read")
	f.evidence.acl_grants == [{"URI": all_users, "Permission": "READ"}]
}

test_public_write_acl_fails_high if {
	some f in run({"acl": acl([{"Grantee": {"URI": all_users}, "Permission": "WRITE"}, {"Grantee": {"URI": all_users}, "Permission": "READ"}]), "policy": null})
	f.severity == "high"
	contains(f.message, "read and write")
}

test_single_grant_as_object_is_read if {
	# One Grant element comes through XML-to-JSON as an object, not an array.
	some f in run({"acl": acl({"Grantee": {"URI": all_users}, "Permission": "FULL_CONTROL"}), "policy": null})
	f.severity == "high"
}

test_acl_without_root_element_is_read if {
	count(run({"acl": {"AccessControlList": {"Grant": [{"Grantee": {"URI": all_users}, "Permission": "READ"}]}}})) == 1
}

test_sdk_shaped_acl_is_read if {
	# The cos-go-sdk-v5 result marshalled as is: AccessControlList is the list of grants.
	count(run({"acl": {"Owner": {}, "AccessControlList": [{"Grantee": {"URI": all_users}, "Permission": "READ"}]}})) == 1
}

test_public_policy_fails if {
	policy := {"version": "2.0", "Statement": [{"Effect": "Allow", "Principal": {"qcs": ["qcs::cam::anyone:anyone"]}, "Action": ["name/cos:GetObject"], "Resource": ["qcs::cos:ap-guangzhou:uid/1250000000:assets-1250000000/*"]}]}
	some f in run({"acl": acl([owner_grant]), "policy": policy})
	f.severity == "medium"
	count(f.evidence.policy_statements) == 1
}

test_policy_as_json_string_is_read if {
	policy := `{"Statement":[{"Effect":"Allow","Principal":{"qcs":["qcs::cam::anyone:anyone"]},"Action":["name/cos:PutObject"]}]}`
	some f in run({"acl": acl([owner_grant]), "policy": policy})
	f.severity == "high"
}

test_policy_wildcard_action_is_read_and_write if {
	policy := {"statement": [{"effect": "allow", "principal": {"qcs": "*"}, "action": "cos:*"}]}
	some f in run({"policy": policy})
	f.severity == "high"
	contains(f.message, "read and write")
}

test_private_bucket_passes if {
	count(run({"acl": acl([owner_grant]), "policy": null})) == 0
}

test_deny_statement_passes if {
	policy := {"Statement": [{"Effect": "Deny", "Principal": {"qcs": ["qcs::cam::anyone:anyone"]}, "Action": ["name/cos:GetObject"]}]}
	count(run({"acl": acl([owner_grant]), "policy": policy})) == 0
}

test_policy_for_one_account_passes if {
	policy := {"Statement": [{"Effect": "Allow", "Principal": {"qcs": ["qcs::cam::uin/100012345678:uin/100020000001"]}, "Action": ["name/cos:*"]}]}
	count(run({"acl": acl([owner_grant]), "policy": policy})) == 0
}

test_unread_documents_not_failed if {
	count(run({})) == 0
}

test_null_documents_pass if {
	count(run({"acl": null, "policy": null})) == 0
	count(run({"acl": {"AccessControlPolicy": {"AccessControlList": null}}, "policy": "not json"})) == 0
}
