# METADATA
# title: Bucket readable or writable by anyone
# description: >-
#   The bucket's ACL grants AllUsers (or AuthenticatedUsers, any Tencent Cloud account) a
#   permission, or its policy allows anyone an action. Public write lets anyone overwrite,
#   plant or delete objects (high); public read exposes every object (medium).
# scope: package
# custom:
#   id: TSA-COS-001
#   pillar: security
#   severity: high
#   resource_types: [cos.bucket]
#   remediation: >-
#     Set the bucket ACL to private, remove public (anyone) statements from the bucket policy,
#     and serve public content through CDN with origin-pull authentication or signed URLs.
#   tam_recommendation: >-
#     Keep buckets private and publish through CDN or pre-signed URLs; never allow public
#     write, which turns a bucket into free hosting for malware.
#   references: []
#   params: {}
#   catalogue: SEC-11
package tsa.rules.cos.bucket_public_access

import data.tsa.lib.cos

deny contains finding if {
	some bucket in input.resources["cos.bucket"]
	modes := cos.access(bucket)
	count(modes) > 0
	finding := {
		"resource": bucket.id,
		"severity": severity(modes),
		"message": sprintf("bucket %s allows anyone to %s", [bucket.id, concat(" and ", sort(modes))]),
		"evidence": {
			"acl_grants": cos.public_acl_grants(bucket),
			"policy_statements": cos.public_statements(bucket),
		},
	}
}

severity(modes) := "high" if "write" in modes

else := "medium"
