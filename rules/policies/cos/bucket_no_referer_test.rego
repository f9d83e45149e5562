package tsa.rules.cos.bucket_no_referer_test

import data.tsa.rules.cos.bucket_no_referer as rule

public_acl := {"AccessControlPolicy": {"AccessControlList": {"Grant": [{"Grantee": {"URI": "http://cam.qcloud.com/groups/global/AllUsers"}, "Permission": "READ"}]}}}

private_acl := {"AccessControlPolicy": {"AccessControlList": {"Grant": [{"Grantee": {"ID": "qcs::cam::uin/1:uin/1"}, "Permission": "FULL_CONTROL"}]}}}

run(acl, referer) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"cos.bucket": [{"id": "img-1250000000", "name": "img-1250000000", "data": {}, "related": {"acl": acl, "policy": null, "referer": referer}}]}}
}

enabled(domains) := {"RefererConfiguration": {"Status": "Enabled", "RefererType": "White-List", "DomainList": {"Domain": domains}}}

test_public_without_referer_fails if {
	some f in run(public_acl, null)
	f.resource == "img-1250000000"
	f.evidence.referer == null
}

test_public_with_disabled_referer_fails if {
	some f in run(public_acl, {"RefererConfiguration": {"Status": "Disabled", "RefererType": "White-List", "DomainList": {"Domain": ["*.example.com"]}}})
	f.evidence.referer.Status == "Disabled"
}

test_enabled_with_empty_list_fails if {
	count(run(public_acl, {"RefererConfiguration": {"Status": "Enabled", "RefererType": "White-List", "DomainList": null}})) == 1
}

test_public_with_allowlist_passes if {
	count(run(public_acl, enabled(["*.example.com", "example.com"]))) == 0
}

test_single_domain_as_string_passes if {
	count(run(public_acl, enabled("www.example.com"))) == 0
}

test_without_root_element_passes if {
	count(run(public_acl, {"Status": "Enabled", "RefererType": "Black-List", "DomainList": ["bad.example"]})) == 0
}

test_private_bucket_passes if {
	count(run(private_acl, null)) == 0
}

unknown(related) := r if {
	r := rule.unknown with input as {"params": {}, "resources": {"cos.bucket": [{"id": "img-1250000000", "name": "img-1250000000", "data": {}, "related": related}]}}
}

test_unread_referer_of_public_bucket_unknown if {
	count(rule.deny) == 0 with input as {"params": {}, "resources": {"cos.bucket": [{"id": "img-1250000000", "name": "img-1250000000", "data": {}, "related": {"acl": public_acl, "policy": null}}]}}
	some u in unknown({"acl": public_acl, "policy": null})
	contains(u.reason, "GetBucketReferer")
}

test_unread_acl_or_policy_unknown if {
	count(unknown({"referer": null})) == 1
	count(unknown({"acl": private_acl, "referer": null})) == 1
	count(unknown({"acl": private_acl, "policy": null, "referer": null})) == 0
}
