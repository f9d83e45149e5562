# METADATA
# title: Bucket CORS rule without allowed or exposed headers
# description: >-
#   A CORS rule of the bucket lists no AllowedHeader or no ExposeHeader, so browsers either
#   fail cross-origin requests that carry headers or cannot read the response headers the
#   application needs (ETag, x-cos-*), which pushes teams to open CORS wider than needed.
# scope: package
# custom:
#   id: TSA-COS-003
#   pillar: security
#   severity: medium
#   resource_types: [cos.bucket]
#   remediation: >-
#     Complete each CORS rule with the request headers the browser sends (AllowedHeader) and
#     the response headers it must read (ExposeHeader, e.g. ETag), with origins limited to
#     your domains.
#   tam_recommendation: >-
#     Write CORS rules per front-end origin with explicit headers rather than wildcards, and
#     test them from the browser before release.
#   references: []
#   params: {}
#   catalogue: SEC-14
package tsa.rules.cos.bucket_cors_incomplete

import data.tsa.lib.cos

# cors_rules reads the GetBucketCors answer as [{ID, AllowedOrigin, AllowedHeader,
# ExposeHeader}]; element names as COS writes them, or the SDK's plural field names.
cors_rules(bucket) := [{
	"ID": object.get(r, "ID", null),
	"AllowedOrigin": strings(r, ["AllowedOrigin", "AllowedOrigins"]),
	"AllowedHeader": strings(r, ["AllowedHeader", "AllowedHeaders"]),
	"ExposeHeader": strings(r, ["ExposeHeader", "ExposeHeaders"]),
} |
	conf := cos.root(bucket.related.cors, "CORSConfiguration")
	is_object(conf)
	some r in cos.list(object.get(conf, "CORSRule", object.get(conf, "Rules", [])))
	is_object(r)
]

strings(r, names) := [v | some n in names; some v in cos.values(object.get(r, n, []))]

missing(r) := [m | some m in ["AllowedHeader", "ExposeHeader"]; count(r[m]) == 0]

deny contains finding if {
	some bucket in input.resources["cos.bucket"]
	bad := [object.union(r, {"missing": missing(r)}) | some r in cors_rules(bucket); count(missing(r)) > 0]
	count(bad) > 0
	finding := {
		"resource": bucket.id,
		"message": sprintf("bucket %s has %d CORS rule(s) without %s", [bucket.id, count(bad), concat(" or ", {m | some r in bad; some m in r.missing})]),
		"evidence": {"CORSRule": bad},
	}
}
