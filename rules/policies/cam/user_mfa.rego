# METADATA
# title: Console sub-user without MFA login protection
# description: >-
#   A sub-user that can log in to the console has no MFA factor (hardware token, virtual MFA,
#   U2F key or passkey) in its login protection, so its password alone opens the console.
# scope: package
# custom:
#   id: TSA-CAM-003
#   pillar: security
#   severity: medium
#   resource_types: [cam.user]
#   reads: [data.ConsoleLogin, related.safe_auth]
#   remediation: >-
#     Turn on login protection with MFA for the sub-user (CAM console > Users > the user >
#     Security > Login protection), or remove console access if it only uses API keys.
#   tam_recommendation: >-
#     Require MFA for every console user through login protection, and give API-only programs
#     users without console access.
#   references:
#     - https://intl.cloud.tencent.com/pt/document/product/598/32657
#     - https://www.tencentcloud.com/document/product/598/10592
#     - https://cloud.tencent.com/document/api/598/36227
#   params:
#     mfa_methods: [Token, Stoken, U2FToken, Passkey]
#   catalogue: SEC-06
#   i18n:
#     zh-CN:
#       title: 可登录控制台的子用户未开启 MFA 登录保护
#       description: >-
#         可以登录控制台的子用户在登录保护中没有任何 MFA 因素（硬件令牌、虚拟 MFA、U2F 密钥或通行密钥），仅凭
#         密码就能进入控制台。
#       remediation: >-
#         为该子用户开启带 MFA 的登录保护（访问管理控制台 > 用户 > 该用户 > 安全 > 登录保护）；如果它只使
#         用 API 密钥，则取消其控制台访问权限。
#       tam_recommendation: >-
#         通过登录保护要求所有控制台用户使用 MFA，只调用 API 的程序使用不具备控制台访问权限的用户。
package tsa.rules.cam.user_mfa

import data.tsa.lib.cam
import data.tsa.lib.num

params := input.params["TSA-CAM-003"]

deny contains finding if {
	some user in input.resources["cam.user"]
	num.of(object.get(user.data, "ConsoleLogin", 0)) == 1
	login := object.get(user, ["related", "safe_auth", "LoginFlag"], null)
	is_object(login)
	count(cam.enabled(login, params.mfa_methods)) == 0
	finding := {
		"resource": user.id,
		"message": sprintf("%s can log in to the console without MFA (none of %s is on)", [cam.who(user), concat(", ", params.mfa_methods)]),
		"evidence": {"ConsoleLogin": user.data.ConsoleLogin, "LoginFlag": login},
	}
}

unknown contains {"resource": user.id, "reason": "whether it can log in to the console (ConsoleLogin) is not known"} if {
	some user in input.resources["cam.user"]
	not num.of(object.get(user.data, "ConsoleLogin", null))
}

unknown contains {"resource": user.id, "reason": "its login protection flags (cam:DescribeSafeAuthFlagColl LoginFlag) were not read"} if {
	some user in input.resources["cam.user"]
	num.of(object.get(user.data, "ConsoleLogin", 0)) == 1
	not is_object(object.get(user, ["related", "safe_auth", "LoginFlag"], null))
}
