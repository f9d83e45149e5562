# METADATA
# title: COS bucket without lifecycle rules or an incomplete-upload cleanup rule
# description: >-
#   Without lifecycle rules objects stay in the most expensive storage class forever, and parts
#   of multipart uploads that never completed are billed until someone deletes them.
# scope: package
# custom:
#   id: TSA-COS-301
#   pillar: cost
#   severity: medium
#   resource_types: [cos.bucket]
#   reads: [related.lifecycle]
#   remediation: >-
#     Add lifecycle rules that transition cold objects to Standard_IA or Archive, expire what
#     is no longer needed, and abort incomplete multipart uploads after a few days.
#   tam_recommendation: >-
#     Give every bucket a lifecycle policy that matches its data's life, including a rule that
#     deletes incomplete multipart uploads after seven days.
#   references:
#     - https://www.tencentcloud.com/document/product/436/14605
#   params:
#     require_abort_multipart: true
#   catalogue: COST-10
#   i18n:
#     zh-CN:
#       title: COS 存储桶没有生命周期规则或未清理未完成的分块上传
#       description: >-
#         没有生命周期规则时，对象会一直留在最贵的存储类型中；未完成的分块上传产生的分块也会一直计费，直到有人手动删除。
#       remediation: >-
#         添加生命周期规则：把冷数据沉降到低频或归档存储，删除不再需要的数据，并在几天后中止未完成的分块上传。
#       tam_recommendation: >-
#         为每个存储桶配置与数据生命周期匹配的规则，其中包括在七天后删除未完成分块上传的规则。
package tsa.rules.cos.lifecycle_missing

import data.tsa.lib.cos

params := input.params["TSA-COS-301"]

# lifecycle_rules reads GetBucketLifecycle as JSON (with or without the LifecycleConfiguration
# root): its Rule list, where one rule may come as an object instead of a list. null means the
# bucket has no lifecycle configuration.
lifecycle_rules(b) := [] if b.related.lifecycle == null

lifecycle_rules(b) := [r | some r in as_list(object.get(cos.body(b.related.lifecycle, "LifecycleConfiguration"), "Rule", [])); is_object(r)] if {
	b.related.lifecycle != null
}

as_list(x) := x if is_array(x)

else := [x] if is_object(x)

else := []

enabled(rules) := [r | some r in rules; object.get(r, "Status", "Enabled") == "Enabled"]

aborts_uploads(rules) if {
	some r in enabled(rules)
	is_object(r.AbortIncompleteMultipartUpload)
}

problems(b) := {"no enabled lifecycle rule"} if {
	count(enabled(lifecycle_rules(b))) == 0
} else := {"no rule aborts incomplete multipart uploads"} if {
	params.require_abort_multipart
	not aborts_uploads(lifecycle_rules(b))
}

deny contains finding if {
	some b in input.resources["cos.bucket"]
	ps := problems(b)
	finding := {
		"resource": b.id,
		"message": sprintf("bucket %s: %s", [b.id, concat("; ", ps)]),
		"evidence": {"lifecycle_rules": count(lifecycle_rules(b)), "enabled_rules": count(enabled(lifecycle_rules(b))), "problems": ps},
	}
}

unknown contains {"resource": b.id, "reason": "its lifecycle configuration (cos:GetBucketLifecycle) was not read"} if {
	some b in input.resources["cos.bucket"]
	not "lifecycle" in object.keys(object.get(b, "related", {}))
}
