# METADATA
# title: Sub-user with super-administrator permissions
# description: >-
#   A sub-user has a super-administrator policy attached, directly or through a user group:
#   the preset AdministratorAccess (or another policy named in the parameters), or a custom
#   policy allowing every action ("*") on every resource ("*"). One leaked password or key then
#   controls the whole account, CAM included.
# scope: package
# custom:
#   id: TSA-CAM-007
#   pillar: security
#   severity: medium
#   resource_types: [cam.user]
#   reads: [related.policies, related.policy_documents]
#   remediation: >-
#     Replace the administrator policy with the product policies the user needs (preset
#     Qcloud<Product>FullAccess or ReadOnlyAccess, or a custom policy scoped to its resources),
#     and keep at most a few break-glass administrators with MFA.
#   tam_recommendation: >-
#     Grant least privilege by job role through user groups, and review who holds
#     AdministratorAccess or a "*" policy every quarter.
#   references:
#     - https://www.tencentcloud.com/document/product/598/50254
#     - https://www.tencentcloud.com/document/product/598/10592
#   params:
#     admin_policies: [AdministratorAccess]
#   catalogue: SEC-10
#   i18n:
#     zh-CN:
#       title: 子用户拥有超级管理员权限
#       description: >-
#         子用户被直接或通过用户组关联了超级管理员策略：预设策略 AdministratorAccess（或参数中列出的其他策略），
#         或在所有资源（"*"）上允许所有操作（"*"）的自定义策略。一旦该用户的密码或密钥泄露，整个账号（包括 CAM）
#         都将被他人控制。
#       remediation: >-
#         将管理员策略替换为该用户实际需要的产品策略（预设的 Qcloud<产品>FullAccess 或 ReadOnlyAccess，
#         或限定到具体资源的自定义策略），只保留极少数开启了 MFA 的应急管理员。
#       tam_recommendation: >-
#         按岗位通过用户组授予最小权限，并每季度复核哪些用户持有 AdministratorAccess 或 "*" 策略。
package tsa.rules.cam.user_admin_policy

import data.tsa.lib.cam

params := input.params["TSA-CAM-007"]

# everything: the action and resource patterns of a policy that allows all.
all_actions := {"*", "*:*"}

admin_policies(user) := [{"PolicyId": object.get(p, "PolicyId", null), "PolicyName": object.get(p, "PolicyName", null), "via": cam.via(p), "why": why} |
	some p in cam.attached(user)
	some why in reasons(user, p)
]

reasons(user, p) := {"preset administrator policy"} if object.get(p, "PolicyName", "") in params.admin_policies

else := {"custom policy allows * on *"} if {
	cam.custom(p)
	cam.grants(cam.document(user, p), all_actions, {"*"})
} else := set()

deny contains finding if {
	some user in input.resources["cam.user"]
	is_array(user.related.policies)
	ps := admin_policies(user)
	count(ps) > 0
	finding := {
		"resource": user.id,
		"message": sprintf("%s has %s", [cam.who(user), concat("; ", [sprintf("%v (%s, %s)", [p.PolicyName, p.via, p.why]) | some p in ps])]),
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
