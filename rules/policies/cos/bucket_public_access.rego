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
#   reads: [related.acl, related.policy]
#   remediation: >-
#     Set the bucket ACL to private, remove public (anyone) statements from the bucket policy,
#     and serve public content through CDN with origin-pull authentication or signed URLs.
#   tam_recommendation: >-
#     Keep buckets private and publish through CDN or pre-signed URLs; never allow public
#     write, which turns a bucket into free hosting for malware.
#   references:
#     - https://tencentcloud.com/document/product/436/30583
#     - https://intl.cloud.tencent.com/document/product/436/13315
#     - https://tencentcloud.com/zh/document/product/436/30580
#   params: {}
#   catalogue: SEC-11
#   i18n:
#     zh-CN:
#       title: 存储桶可被任何人读取或写入
#       description: >-
#         存储桶的 ACL 向 AllUsers（或 AuthenticatedUsers，即任意腾讯云账号，或 ID 为 qcs::cam::anyone:anyone
#         的被授权者）授予了权限，或存储桶策略允许任何人执行操作且没有用条件把请求来源限定在指定 IP 或 VPC。
#         公有写意味着任何人都能覆盖、植入或删除对象（高风险）；公有读会暴露全部对象（中风险）。
#       remediation: >-
#         将存储桶 ACL 设为私有读写，删除存储桶策略中面向所有人（anyone）的语句，公开内容通过开启回源鉴权的
#         CDN 或预签名 URL 分发。
#       tam_recommendation: >-
#         存储桶保持私有，通过 CDN 或预签名 URL 对外发布；切勿开放公有写，否则存储桶会沦为免费托管恶意文件的空间。
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

unknown contains {"resource": bucket.id, "reason": "its ACL (cos:GetBucketACL) was not read"} if {
	some bucket in input.resources["cos.bucket"]
	not is_object(object.get(bucket, ["related", "acl"], null))
}

unknown contains {"resource": bucket.id, "reason": "its policy (cos:GetBucketPolicy) was not read"} if {
	some bucket in input.resources["cos.bucket"]
	not "policy" in object.keys(object.get(bucket, "related", {}))
}

unknown contains {"resource": bucket.id, "reason": "its policy does not parse as a policy document"} if {
	some bucket in input.resources["cos.bucket"]
	p := bucket.related.policy
	p != null
	not is_object(cos.document(p))
}
