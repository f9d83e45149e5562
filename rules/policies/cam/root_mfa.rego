# METADATA
# title: Root account not bound to an MFA device
# description: >-
#   The owner account's login protection has no MFA factor (hardware token, virtual MFA,
#   U2F key or passkey) turned on, so a leaked password alone opens the whole account.
# scope: package
# custom:
#   id: TSA-CAM-002
#   pillar: security
#   severity: high
#   resource_types: [cam.account]
#   reads: [related.safe_auth]
#   remediation: >-
#     Bind a virtual MFA device (or a U2F key) to the root account and turn on MFA for login
#     in Account Center > Security settings.
#   tam_recommendation: >-
#     Bind MFA to the root account today and keep the device with a named owner and a tested
#     recovery path.
#   references:
#     - https://www.tencentcloud.com/document/product/598/10592
#     - https://cloud.tencent.com/document/api/598/36227
#   params:
#     mfa_methods: [Token, Stoken, U2FToken, Passkey]
#   catalogue: SEC-05
#   i18n:
#     zh-CN:
#       title: 主账号未绑定 MFA 设备
#       description: >-
#         主账号的登录保护没有开启任何 MFA 因素（硬件令牌、虚拟 MFA、U2F 密钥或通行密钥），仅凭泄露的密码就能
#         打开整个账号。
#       remediation: >-
#         为主账号绑定虚拟 MFA 设备（或 U2F 密钥），并在账号中心 > 安全设置中开启登录 MFA 校验。
#       tam_recommendation: >-
#         立即为主账号绑定 MFA，设备由指定负责人保管，并演练过找回流程。
package tsa.rules.cam.root_mfa

import data.tsa.lib.cam

params := input.params["TSA-CAM-002"]

deny contains finding if {
	some acct in input.resources["cam.account"]
	login := object.get(acct, ["related", "safe_auth", "LoginFlag"], null)
	is_object(login)
	count(cam.enabled(login, params.mfa_methods)) == 0
	finding := {
		"resource": acct.id,
		"message": sprintf("%s has no MFA device bound for login (none of %s is on)", [cam.who(acct), concat(", ", params.mfa_methods)]),
		"evidence": {"LoginFlag": login},
	}
}

unknown contains {"resource": acct.id, "reason": "its login protection flags (cam:DescribeSafeAuthFlag LoginFlag) were not read"} if {
	some acct in input.resources["cam.account"]
	not is_object(object.get(acct, ["related", "safe_auth", "LoginFlag"], null))
}
