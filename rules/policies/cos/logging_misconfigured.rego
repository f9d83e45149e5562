# METADATA
# title: COS bucket access logs delivered to another account's bucket
# description: >-
#   The bucket's access logging delivers to a target bucket owned by another account (its APPID
#   suffix differs from the source bucket's), so the record of who read or changed objects is
#   out of the owner's control. A bucket with logging off is not this item's concern.
# scope: package
# custom:
#   id: TSA-COS-102
#   pillar: reliability
#   severity: medium
#   resource_types: [cos.bucket]
#   reads: [related.logging]
#   remediation: >-
#     Point logging (Logging management) at a target bucket in the same account, ideally a
#     dedicated log bucket with a lifecycle rule.
#   tam_recommendation: >-
#     Send access logs of every business bucket to one dedicated log bucket in the same account,
#     with retention set by lifecycle rules.
#   references:
#     - https://www.tencentcloud.com/document/product/436/17040
#   params: {}
#   catalogue: REL-31
#   i18n:
#     zh-CN:
#       title: COS 存储桶的访问日志投递到了其他账号的存储桶
#       description: >-
#         存储桶的日志管理把访问日志投递到其他账号拥有的目标存储桶（其 APPID 后缀与源存储桶不同），谁读取或修改了对象的
#         记录因此不在本账号的掌控之中。未开启日志的存储桶不属于本检查项。
#       remediation: >-
#         在日志管理中把目标存储桶改为同一账号下的存储桶，最好是一个配置了生命周期规则的专用日志存储桶。
#       tam_recommendation: >-
#         把所有业务存储桶的访问日志集中投递到同一账号下的专用日志存储桶，并用生命周期规则控制保存期限。
package tsa.rules.cos.logging_misconfigured

import data.tsa.lib.cos
import data.tsa.lib.fields

# target reads GetBucketLogging as JSON (with or without the BucketLoggingStatus root): the
# target bucket name, or "" when logging is off.
target(b) := fields.str(object.get(cos.body(b.related.logging, "BucketLoggingStatus"), "LoggingEnabled", {}), "TargetBucket")

# appid is the owner APPID a bucket name ends with ("logs-1250000000").
appid(name) := id if {
	parts := split(name, "-")
	id := parts[count(parts) - 1]
	regex.match(`^[0-9]+$`, id)
}

deny contains finding if {
	some b in input.resources["cos.bucket"]
	t := target(b)
	t != ""
	appid(t) != appid(b.id)
	finding := {
		"resource": b.id,
		"message": sprintf("bucket %s delivers its access logs to %s, owned by another account (APPID %s)", [b.id, t, appid(t)]),
		"evidence": {"LoggingEnabled.TargetBucket": t, "target_appid": appid(t), "bucket_appid": appid(b.id)},
	}
}

unknown contains {"resource": b.id, "reason": "its logging configuration (cos:GetBucketLogging) was not read"} if {
	some b in input.resources["cos.bucket"]
	not is_object(object.get(b, ["related", "logging"], null))
}

unknown contains {"resource": b.id, "reason": sprintf("the owner of log target %q or of the bucket cannot be told from its name", [t])} if {
	some b in input.resources["cos.bucket"]
	t := target(b)
	t != ""
	not owners_known(b.id, t)
}

owners_known(source, t) if {
	appid(source)
	appid(t)
}
