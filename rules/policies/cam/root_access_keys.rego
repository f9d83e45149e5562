# METADATA
# title: Root account has active API keys
# description: >-
#   The owner (root) account holds an active access key. A root key can do anything in the
#   account, cannot be limited by policies, and a leak is a full compromise.
# scope: package
# custom:
#   id: TSA-CAM-001
#   pillar: security
#   severity: high
#   resource_types: [cam.account]
#   reads: [related.access_keys]
#   remediation: >-
#     Create a sub-user or role with only the permissions the program needs, move the program
#     to its key, then disable and delete the root account's keys (CAM console > Access keys).
#   tam_recommendation: >-
#     Keep the root account for billing and break-glass only: no API keys, MFA on, and every
#     workload on sub-users or roles with least-privilege policies.
#   references:
#     - https://www.tencentcloud.com/document/product/598/34228
#     - https://www.tencentcloud.com/document/product/598/10592
#   params: {}
#   catalogue: SEC-04
#   i18n:
#     zh-CN:
#       title: 主账号存在启用的 API 密钥
#       description: >-
#         主账号持有启用状态的访问密钥。主账号密钥可以执行账号内的任何操作，无法用策略限制，一旦泄露就是整个账号失守。
#       remediation: >-
#         为程序创建只具备所需权限的子用户或角色，把程序切换到其密钥，然后禁用并删除主账号的密钥（访问管理控制台 > 访问
#         密钥）。
#       tam_recommendation: >-
#         主账号只用于账单和应急：不创建 API 密钥、开启 MFA，所有工作负载使用遵循最小权限策略的子用户或角色。
package tsa.rules.cam.root_access_keys

import data.tsa.lib.cam

deny contains finding if {
	some acct in input.resources["cam.account"]
	keys := cam.active_keys(acct)
	count(keys) > 0
	finding := {
		"resource": acct.id,
		"message": sprintf("%s has %d active API key(s): %s", [cam.who(acct), count(keys), concat(", ", [k.AccessKeyId | some k in keys])]),
		"evidence": {"AccessKeys": [{
			"AccessKeyId": k.AccessKeyId,
			"Status": k.Status,
			"CreateTime": object.get(k, "CreateTime", null),
		} |
			some k in keys
		]},
	}
}

unknown contains {"resource": acct.id, "reason": "its access keys (cam:ListAccessKeys) were not read"} if {
	some acct in input.resources["cam.account"]
	not is_array(object.get(acct, ["related", "access_keys"], null))
}
