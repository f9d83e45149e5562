# METADATA
# title: COS bucket versioning not enabled
# description: >-
#   Without versioning, an object overwritten or deleted by mistake (or by ransomware) is gone;
#   with it, every earlier version can be restored.
# scope: package
# custom:
#   id: TSA-COS-101
#   pillar: reliability
#   severity: medium
#   resource_types: [cos.bucket]
#   reads: [related.versioning]
#   remediation: >-
#     Enable versioning on the bucket (Fault tolerance and disaster recovery > Versioning) and
#     add a lifecycle rule that expires noncurrent versions after a retention period.
#   tam_recommendation: >-
#     Enable versioning on buckets holding business data, with a lifecycle rule to expire old
#     versions so storage cost stays bounded.
#   references:
#     - https://www.tencentcloud.com/document/product/436/19883
#   params: {}
#   catalogue: REL-30
#   i18n:
#     zh-CN:
#       title: COS 存储桶未开启版本控制
#       description: >-
#         未开启版本控制时，被误覆盖、误删除（或被勒索软件篡改）的对象将无法找回；开启后，每一个历史版本都可以恢复。
#       remediation: >-
#         为存储桶开启版本控制（容错容灾管理 > 版本控制），并添加生命周期规则，让非当前版本在保留期后过期。
#       tam_recommendation: >-
#         存放业务数据的存储桶都应开启版本控制，并配合生命周期规则清理旧版本，控制存储成本。
package tsa.rules.cos.versioning_off

import data.tsa.lib.cos
import data.tsa.lib.fields

# status reads GetBucketVersioning as JSON, with or without the VersioningConfiguration root;
# "" means versioning was never turned on. COS always answers it, so null is unread.
status(b) := fields.str(cos.body(b.related.versioning, "VersioningConfiguration"), "Status") if {
	is_object(b.related.versioning)
}

deny contains finding if {
	some b in input.resources["cos.bucket"]
	s := status(b)
	s != "Enabled"
	finding := {
		"resource": b.id,
		"message": sprintf("bucket %s has versioning %s", [b.id, describe(s)]),
		"evidence": {"VersioningConfiguration.Status": s},
	}
}

describe("") := "never enabled"

describe(s) := sprintf("%s", [s]) if s != ""

unknown contains {"resource": b.id, "reason": "its versioning status (cos:GetBucketVersioning) was not read"} if {
	some b in input.resources["cos.bucket"]
	not is_object(object.get(b, ["related", "versioning"], null))
}
