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
#   reads: [related.cors]
#   remediation: >-
#     Complete each CORS rule with the request headers the browser sends (AllowedHeader) and
#     the response headers it must read (ExposeHeader, e.g. ETag), with origins limited to
#     your domains.
#   tam_recommendation: >-
#     Write CORS rules per front-end origin with explicit headers rather than wildcards, and
#     test them from the browser before release.
#   references:
#     - https://www.tencentcloud.com/document/product/436/13318
#     - https://tencentcloud.com/document/product/436/8279
#   params: {}
#   catalogue: SEC-14
#   i18n:
#     zh-CN:
#       title: 存储桶的 CORS 规则缺少允许或暴露的头部
#       description: >-
#         存储桶的某条 CORS 规则没有列出 AllowedHeader 或 ExposeHeader，浏览器要么拒绝携
#         带头部的跨域请求，要么读不到应用需要的响应头（ETag、x-cos-*），团队往往因此把 CORS 放得比实际需
#         要更宽。
#       remediation: >-
#         为每条 CORS 规则补全浏览器会发送的请求头（AllowedHeader）和需要读取的响应头（ExposeHe
#         ader，例如 ETag），并把来源限定为自己的域名。
#       tam_recommendation: >-
#         按前端来源编写带明确头部的 CORS 规则而不是使用通配符，并在发布前从浏览器实际验证。
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

unknown contains {"resource": bucket.id, "reason": "its CORS configuration (cos:GetBucketCORS) was not read"} if {
	some bucket in input.resources["cos.bucket"]
	not "cors" in object.keys(object.get(bucket, "related", {}))
}
