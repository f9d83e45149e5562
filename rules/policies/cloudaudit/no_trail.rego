# METADATA
# title: No CloudAudit tracking set is logging
# description: >-
#   The account has no CloudAudit tracking set (trail) with logging on, so API and console
#   operations are not kept beyond the short default history and an incident cannot be
#   investigated. One verdict per account: a stopped extra tracking set is fine while another
#   one logs.
# scope: package
# custom:
#   id: TSA-AUDIT-001
#   pillar: security
#   severity: high
#   resource_types: [cam.account]
#   joins: [cloudaudit.trail]
#   reads: [data.AuditStatus]  # of the joined cloudaudit.trail resources
#   remediation: >-
#     Create a CloudAudit tracking set for all regions and operations that delivers to a COS
#     bucket (or CLS), or turn logging back on for the existing one, and keep it on.
#   tam_recommendation: >-
#     Keep one organisation-wide tracking set delivering to a locked-down bucket with a
#     retention that meets your audit requirements.
#   references:
#     - https://www.tencentcloud.com/document/product/1021/30333
#   params: {}
#   catalogue: SEC-25
#   i18n:
#     zh-CN:
#       title: 没有正在记录的云审计跟踪集
#       description: >-
#         账号下没有开启日志记录的云审计跟踪集，API 和控制台操作只保留在较短的默认操作记录中，发生安全事件时无从追查。
#         每个账号只给出一个结论：只要有一个跟踪集在记录，其他已停止的跟踪集不影响结论。
#       remediation: >-
#         创建一个覆盖全部地域和全部操作类型、投递到 COS 存储桶（或 CLS）的云审计跟踪集，或为已有跟踪集重新开启日志记录，并保持开启。
#       tam_recommendation: >-
#         在整个组织保留一个统一的跟踪集，投递到访问受严格控制的存储桶，保存期限满足审计合规要求。
package tsa.rules.cloudaudit.no_trail

import data.tsa.lib.num

trails := object.get(input.resources, "cloudaudit.trail", [])

logging(t) if num.of(object.get(t.data, "AuditStatus", null)) == 1

# unread trails are those whose status is missing or not a number.
unread := [t.id | some t in trails; not num.of(object.get(t.data, "AuditStatus", null))]

any_logging if {
	some t in trails
	logging(t)
}

deny contains finding if {
	some acct in input.resources["cam.account"]
	not any_logging
	count(unread) == 0
	finding := {
		"resource": acct.id,
		"message": sprintf("account %s has no CloudAudit tracking set logging (%d tracking set(s), none on)", [acct.id, count(trails)]),
		"evidence": {"trails": [{"AuditName": t.id, "AuditStatus": object.get(t.data, "AuditStatus", null)} | some t in trails]},
	}
}

unknown contains {"resource": acct.id, "reason": sprintf("the logging status of tracking set(s) %s is missing", [concat(", ", unread)])} if {
	some acct in input.resources["cam.account"]
	not any_logging
	count(unread) > 0
}
