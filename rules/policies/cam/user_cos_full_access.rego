# METADATA
# title: Sub-user with unrestricted access to every COS bucket
# description: >-
#   A sub-user has a policy granting every COS action on every resource: the preset
#   QcloudCOSFullAccess (or another policy named in the parameters), or a custom policy allowing
#   "cos:*", "name/cos:*" or "*" on "*". It can read, overwrite and delete any object of the
#   account.
# scope: package
# custom:
#   id: TSA-CAM-008
#   pillar: security
#   severity: medium
#   resource_types: [cam.user]
#   reads: [related.policies, related.policy_documents]
#   remediation: >-
#     Replace the policy with a custom policy limited to the buckets (and prefixes) and
#     actions the user needs, e.g. name/cos:GetObject on qcs::cos:<region>:uid/<appid>:<bucket>/*.
#   tam_recommendation: >-
#     Scope COS permissions to specific buckets and prefixes per application; a key with
#     cos:* on * turns one leak into a loss of all stored data.
#   references:
#     - https://www.tencentcloud.com/document/product/598/50254
#     - https://www.tencentcloud.com/document/product/598/10592
#     - https://tencentcloud.com/zh/document/product/436/30580
#   params:
#     full_access_policies: [QcloudCOSFullAccess]
#   catalogue: SEC-13
#   i18n:
#     zh-CN:
#       title: 子用户对所有 COS 存储桶拥有不受限的访问权限
#       description: >-
#         子用户关联的策略在所有资源上授予了全部 COS 操作：预设策略 QcloudCOSFullAccess（或参数中列出的其他策略），
#         或在 "*" 上允许 "cos:*"、"name/cos:*" 或 "*" 的自定义策略。该用户可以读取、覆盖和删除账号下的任意对象。
#       remediation: >-
#         将该策略替换为只覆盖所需存储桶（及前缀）和所需操作的自定义策略，例如对
#         qcs::cos:<地域>:uid/<appid>:<存储桶>/* 授予 name/cos:GetObject。
#       tam_recommendation: >-
#         按应用把 COS 权限限定到具体存储桶和前缀；一个拥有 cos:* on * 的密钥一旦泄露，就可能丢失全部存储数据。
package tsa.rules.cam.user_cos_full_access

import data.tsa.lib.cam

params := input.params["TSA-CAM-008"]

# cos_actions are the action patterns that cover every COS action.
cos_actions := {"*", "*:*", "cos:*", "name/cos:*"}

granting(user) := [{"PolicyId": object.get(p, "PolicyId", null), "PolicyName": object.get(p, "PolicyName", null), "via": cam.via(p)} |
	some p in cam.attached(user)
	full_access(user, p)
]

full_access(_, p) if object.get(p, "PolicyName", "") in params.full_access_policies

full_access(user, p) if {
	cam.custom(p)
	cam.grants(cam.document(user, p), cos_actions, {"*"})
}

deny contains finding if {
	some user in input.resources["cam.user"]
	is_array(user.related.policies)
	ps := granting(user)
	count(ps) > 0
	finding := {
		"resource": user.id,
		"message": sprintf("%s has full access to every COS bucket through %s", [cam.who(user), concat(", ", [sprintf("%v (%s)", [p.PolicyName, p.via]) | some p in ps])]),
		"evidence": {"policies": ps},
	}
}

unknown contains {"resource": user.id, "reason": "its attached policies (cam:ListAttachedUserAllPolicies) were not read"} if {
	some user in input.resources["cam.user"]
	not is_array(object.get(user, ["related", "policies"], null))
}

unknown contains {"resource": user.id, "reason": sprintf("the documents of custom policies %s were not read or do not parse", [concat(", ", ids)])} if {
	some user in input.resources["cam.user"]
	is_array(user.related.policies)
	ids := cam.unread_documents(user)
	count(ids) > 0
}
