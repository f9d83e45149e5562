# METADATA
# title: Sensitive-operation or remote-login protection off
# description: >-
#   Operation protection (a second factor before sensitive console operations) has no method
#   turned on, or remote-login protection (verification when a login comes from an unusual
#   location) is off, for the root account or a console sub-user.
# scope: package
# custom:
#   id: TSA-CAM-004
#   pillar: security
#   severity: medium
#   resource_types: [cam.account, cam.user]
#   reads: [data.ConsoleLogin, related.safe_auth]
#   remediation: >-
#     Turn on operation protection (MFA or another verification method) and remote-login
#     protection in the security settings of the account or sub-user.
#   tam_recommendation: >-
#     Turn on operation protection and remote-login protection for every console identity;
#     they stop most hijacked-session damage at little cost to daily work.
#   references:
#     - https://www.tencentcloud.com/document/product/598/10592
#     - https://intl.cloud.tencent.com/pt/document/product/598/32657
#     - https://cloud.tencent.com/document/api/598/36227
#   params: {}
#   catalogue: SEC-07
#   i18n:
#     zh-CN:
#       title: 敏感操作保护或异地登录保护未开启
#       description: >-
#         主账号或可登录控制台的子用户没有开启任何操作保护方式（执行敏感操作前的二次校验），或没有开启异地登录保护（从异常
#         地点登录时进行校验）。
#       remediation: >-
#         在账号或子用户的安全设置中开启操作保护（MFA 或其他校验方式）和异地登录保护。
#       tam_recommendation: >-
#         为所有控制台身份开启操作保护和异地登录保护；它们能以很小的日常成本挡住绝大多数会话被劫持后的破坏。
package tsa.rules.cam.protection_off

import data.tsa.lib.cam
import data.tsa.lib.num

# action_methods are every verification method operation protection can use.
action_methods := ["Phone", "Token", "Stoken", "Wechat", "Custom", "Mail", "U2FToken", "Passkey"]

console(r) if r.type == "cam.account"

console(r) if num.of(object.get(r.data, "ConsoleLogin", 0)) == 1

problems(auth) := [p |
	some p in ["operation protection off", "remote-login protection off"]
	problem(p, auth)
]

problem("operation protection off", auth) if {
	count(cam.enabled(object.get(auth, "ActionFlag", null), action_methods)) == 0
}

problem("remote-login protection off", auth) if not remote_login_on(auth)

remote_login_on(auth) if cam.on(object.get(auth, "OffsiteFlag", {}), "VerifyFlag")

deny contains finding if {
	some r in cam.principals
	console(r)
	auth := r.related.safe_auth
	flags_read(auth)
	ps := problems(auth)
	count(ps) > 0
	finding := {
		"resource": r.id,
		"resource_type": r.type,
		"message": sprintf("%s: %s", [cam.who(r), concat(", ", ps)]),
		"evidence": {
			"ActionFlag": object.get(auth, "ActionFlag", null),
			"OffsiteFlag": object.get(auth, "OffsiteFlag", null),
		},
	}
}

flags_read(auth) if {
	is_object(auth)
	is_object(object.get(auth, "ActionFlag", null))
	is_object(object.get(auth, "OffsiteFlag", null))
}

unknown contains {"resource": r.id, "resource_type": r.type, "reason": "whether it can log in to the console (ConsoleLogin) is not known"} if {
	some r in cam.principals
	r.type == "cam.user"
	not num.of(object.get(r.data, "ConsoleLogin", null))
}

unknown contains {"resource": r.id, "resource_type": r.type, "reason": "its operation or remote-login protection flags (ActionFlag, OffsiteFlag) were not read"} if {
	some r in cam.principals
	console(r)
	not flags_read(object.get(r, ["related", "safe_auth"], null))
}
