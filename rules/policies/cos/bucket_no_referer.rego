# METADATA
# title: Public bucket without hotlink protection
# description: >-
#   Anyone may read the bucket's objects and no referer allow- or block-list is enabled, so
#   other sites can embed or link its files and the owner pays for their traffic.
# scope: package
# custom:
#   id: TSA-COS-002
#   pillar: security
#   severity: medium
#   resource_types: [cos.bucket]
#   reads: [related.acl, related.policy, related.referer]
#   remediation: >-
#     Turn on hotlink protection for the bucket (COS console > the bucket > Security >
#     Hotlink protection) with an allowlist of your domains, or make the bucket private.
#   tam_recommendation: >-
#     Serve public files through CDN with referer protection and keep the origin bucket
#     private; this caps both hotlinking and surprise traffic bills.
#   references:
#     - https://www.tencentcloud.com/document/product/436/13319
#     - https://tencentcloud.com/document/api/436/31423
#   params: {}
#   catalogue: SEC-12
#   i18n:
#     zh-CN:
#       title: 公有读存储桶未开启防盗链
#       description: >-
#         任何人都可以读取该存储桶的对象，且没有启用 Referer 白名单或黑名单，其他网站可以直接嵌入或链接其中的文件
#         ，流量费用由存储桶所有者承担。
#       remediation: >-
#         为存储桶开启防盗链（COS 控制台 > 存储桶 > 安全管理 > 防盗链设置），配置自己域名的白名单，或把存储桶
#         改为私有。
#       tam_recommendation: >-
#         通过开启 Referer 防护的 CDN 对外提供公开文件，源站存储桶保持私有；这样既能遏制盗链，也能避免意外的
#         流量账单。
package tsa.rules.cos.bucket_no_referer

import data.tsa.lib.cos

# referer reads the GetBucketReferer answer as {Status, RefererType, domains}; null when the
# bucket has none.
referer(bucket) := {
	"Status": object.get(conf, "Status", null),
	"RefererType": object.get(conf, "RefererType", null),
	"domains": [d |
		some d in domains(object.get(conf, "DomainList", []))
	],
} if {
	conf := cos.root(bucket.related.referer, "RefererConfiguration")
	is_object(conf)
} else := null

# domains reads DomainList as {"Domain": [...]}, {"Domain": "..."} or a plain list.
domains(l) := cos.values(l.Domain) if is_object(l)

else := cos.values(l)

protected(r) if {
	r != null
	r.Status == "Enabled"
	count(r.domains) > 0
}

deny contains finding if {
	some bucket in input.resources["cos.bucket"]
	"referer" in object.keys(bucket.related)
	cos.public_read(bucket)
	r := referer(bucket)
	not protected(r)
	finding := {
		"resource": bucket.id,
		"message": sprintf("bucket %s is publicly readable and has no hotlink protection enabled", [bucket.id]),
		"evidence": {"public_read": true, "referer": r},
	}
}

# Whether the bucket is public needs both its ACL and its policy; hotlink protection then
# needs its referer configuration.
unknown contains {"resource": bucket.id, "reason": "its ACL or policy (cos:GetBucketACL, cos:GetBucketPolicy) was not read, so whether it is public is not known"} if {
	some bucket in input.resources["cos.bucket"]
	not cos.public_read(bucket)
	not public_known(bucket)
}

unknown contains {"resource": bucket.id, "reason": "its hotlink protection (cos:GetBucketReferer) was not read"} if {
	some bucket in input.resources["cos.bucket"]
	cos.public_read(bucket)
	not "referer" in object.keys(object.get(bucket, "related", {}))
}

public_known(bucket) if {
	is_object(object.get(bucket, ["related", "acl"], null))
	"policy" in object.keys(object.get(bucket, "related", {}))
}
