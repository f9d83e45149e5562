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
	f.evidence.acl_grants == [{"grantee": all_users, "Permission": "READ"}]
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

unknown(related) := r if {
	r := rule.unknown with input as {"params": {}, "resources": {"cos.bucket": [bucket(related)]}}
}

# The old rule missed a grantee written by id.
test_grantee_by_anyone_id_fails if {
	some f in run({"acl": acl([owner_grant, {"Grantee": {"type": "CanonicalUser", "ID": "qcs::cam::anyone:anyone"}, "Permission": "WRITE"}]), "policy": null})
	f.severity == "high"
	f.evidence.acl_grants == [{"grantee": "qcs::cam::anyone:anyone", "Permission": "WRITE"}]
}

# The old rule called an anyone statement confined to IP addresses or a VPC public.
test_anyone_confined_to_ips_or_vpc_passes if {
	some cond in [
		{"ip_equal": {"qcs:ip": ["10.0.0.0/8"]}},
		{"ip_equal": {"qcs:ip": "203.0.113.7/32"}},
		{"string_equal": {"vpc:requester_vpc": ["vpc-abc123"]}},
	]
	policy := {"statement": [{"effect": "allow", "principal": {"qcs": ["qcs::cam::anyone:anyone"]}, "action": ["name/cos:GetObject"], "condition": cond}]}
	count(run({"acl": acl([owner_grant]), "policy": policy})) == 0
}

test_anyone_with_ip_not_equal_is_public if {
	cond := {"ip_not_equal": {"qcs:ip": ["198.51.100.0/24"]}}
	policy := {"statement": [{"effect": "allow", "principal": {"qcs": ["qcs::cam::anyone:anyone"]}, "action": ["name/cos:GetObject"], "condition": cond}]}
	count(run({"acl": acl([owner_grant]), "policy": policy})) == 1
}

test_unread_documents_unknown if {
	count(run({})) == 0
	count(unknown({})) == 2
	count(unknown({"acl": acl([owner_grant])})) == 1
	count(unknown({"acl": acl([owner_grant]), "policy": null})) == 0
}

test_null_or_broken_documents_unknown if {
	count(run({"acl": null, "policy": null})) == 0
	some u in unknown({"acl": null, "policy": null})
	contains(u.reason, "ACL")
	count(run({"acl": {"AccessControlPolicy": {"AccessControlList": null}}, "policy": "not json"})) == 0
	some v in unknown({"acl": acl([owner_grant]), "policy": "not json"})
	contains(v.reason, "does not parse")
}
