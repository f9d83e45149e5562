# METADATA
# title: Access key not rotated
# description: >-
#   An active access key of the root account or a sub-user is older than the rotation period
#   (90 days), or older than two years. The longer a key lives, the more places it has been
#   copied to and the larger the damage of a leak.
# scope: package
# custom:
#   id: TSA-CAM-005
#   pillar: security
#   severity: high
#   resource_types: [cam.account, cam.user]
#   reads: [related.access_keys]
#   remediation: >-
#     Create a second key, move the programs using the old one to it, then disable and delete
#     the old key; store keys in a secrets manager rather than in code.
#   tam_recommendation: >-
#     Rotate access keys at least every 90 days with an automated rotation job, and prefer
#     CAM roles with temporary credentials for workloads on Tencent Cloud.
#   references:
#     - https://www.tencentcloud.com/document/product/598/34228
#     - https://www.tencentcloud.com/document/product/598/10592
#   params:
#     max_age_days: 90
#     high_age_days: 730
#   catalogue: SEC-08
#   i18n:
#     zh-CN:
#       title: 访问密钥未轮换
#       description: >-
#         主账号或子用户的启用状态访问密钥已超过轮换周期（90 天），或已超过两年。密钥存在越久，被复制到的地方越多，一旦
#         泄露损失越大。
#       remediation: >-
#         新建第二个密钥，把使用旧密钥的程序切换到新密钥，然后禁用并删除旧密钥；把密钥保存在密钥管理服务中，而不是写在代码
#         里。
#       tam_recommendation: >-
#         用自动化任务至少每 90 天轮换一次访问密钥；腾讯云上的工作负载优先使用 CAM 角色和临时凭证。
package tsa.rules.cam.key_not_rotated

import data.tsa.lib.cam
import data.tsa.lib.dates

params := input.params["TSA-CAM-005"]

old_keys(r) := [{"AccessKeyId": k.AccessKeyId, "CreateTime": k.CreateTime, "age_days": floor(age)} |
	some k in cam.active_keys(r)
	age := dates.age_days(k.CreateTime)
	age > params.max_age_days
]

deny contains finding if {
	some r in cam.principals
	keys := old_keys(r)
	count(keys) > 0
	oldest := max([k.age_days | some k in keys])
	finding := {
		"resource": r.id,
		"resource_type": r.type,
		"severity": severity(oldest),
		"message": sprintf("%s has %d active access key(s) older than %d days, the oldest %d days (%s)", [cam.who(r), count(keys), params.max_age_days, oldest, concat(", ", [k.AccessKeyId | some k in keys])]),
		"evidence": {"AccessKeys": keys},
	}
}

severity(age) := "high" if age > params.high_age_days

else := "medium"

unknown contains {"resource": r.id, "resource_type": r.type, "reason": "its access keys (cam:ListAccessKeys) were not read"} if {
	some r in cam.principals
	not is_array(object.get(r, ["related", "access_keys"], null))
}

unknown contains {"resource": r.id, "resource_type": r.type, "reason": sprintf("the creation time of key(s) %s cannot be read", [concat(", ", ks)])} if {
	some r in cam.principals
	is_array(r.related.access_keys)
	ks := [k.AccessKeyId | some k in cam.active_keys(r); not dates.readable(object.get(k, "CreateTime", null))]
	count(ks) > 0
}
