# METADATA
# title: CVM instance quota nearly used up
# description: >-
#   In a zone, the instances of a billing mode (pay-as-you-go, monthly subscription, spot),
#   the custom images or the placement groups of the region use 80 % or more of the
#   account's quota (high at 100 %): scaling out or replacing a failed instance will fail.
# scope: package
# custom:
#   id: TSA-CVM-202
#   pillar: service_limits
#   severity: high
#   resource_types: [cvm.quota]
#   reads: [data.AccountQuota]
#   remediation: >-
#     Release unused instances or images, or ask for a higher quota through a ticket before
#     the next scale-out.
#   tam_recommendation: >-
#     Keep at least 20 % quota headroom in every zone you scale in, and raise quotas ahead of
#     big events; we can help file the increase.
#   references:
#     - https://cloud.tencent.com/document/api/213/15728
#     - https://www.tencentcloud.com/document/api/213/15728
#   params:
#     medium_pct: 80
#     high_pct: 100
#   catalogue: LIM-01
#   i18n:
#     zh-CN:
#       title: 云服务器实例配额即将用尽
#       description: >-
#         某个可用区内某种计费模式（按量计费、包年包月、竞价）的实例，或地域内的自定义镜像、置放群组，已占用配额的 80% 以上，
#         下一次扩容可能失败。
#       remediation: >-
#         释放不再使用的实例或镜像，或在下一次扩容前通过工单申请提高配额。
#       tam_recommendation: >-
#         在每个需要扩容的可用区至少保留 20% 的配额余量，并在重大活动前提前提升配额；我们可以协助提交申请。
package tsa.rules.cvm.quota_usage

import data.tsa.lib.num

params := input.params["TSA-CVM-202"]

# usages reads every quota of the AccountQuota object as {set, zone, used, total}.
usages(q) := array.concat(
	[{"set": set, "zone": object.get(e, "Zone", ""), "used": object.get(e, "UsedQuota", null), "total": object.get(e, "TotalQuota", null)} |
		some set in ["PostPaidQuotaSet", "PrePaidQuotaSet", "SpotPaidQuotaSet", "ImageQuotaSet"]
		some e in object.get(q, set, [])
	],
	[{"set": "DisasterRecoverGroupQuotaSet", "zone": "", "used": object.get(e, "CurrentNum", null), "total": object.get(e, "GroupQuota", null)} |
		some e in object.get(q, "DisasterRecoverGroupQuotaSet", [])
	],
)

account_quota(r) := q if {
	q := r.data.AccountQuota
	is_object(q)
} else := {}

tight(r) := [object.union(u, {"pct": num.round1(p)}) |
	some u in usages(account_quota(r))
	p := num.pct(u.used, u.total)
	p >= params.medium_pct
]

deny contains finding if {
	some r in input.resources["cvm.quota"]
	ts := tight(r)
	count(ts) > 0
	top := max([t.pct | some t in ts])
	finding := {
		"resource": r.id,
		"severity": num.level(top, params.medium_pct, params.high_pct),
		"message": sprintf("CVM quota in %s nearly used up: %s", [r.region, concat("; ", [describe(t) | some t in ts])]),
		"evidence": {"quotas": ts},
	}
}

describe(t) := sprintf("%s %s %v of %v (%v%%)", [t.set, t.zone, t.used, t.total, t.pct]) if t.zone != ""

else := sprintf("%s %v of %v (%v%%)", [t.set, t.used, t.total, t.pct])

unknown contains {"resource": r.id, "reason": "AccountQuota is absent or null"} if {
	some r in object.get(input.resources, "cvm.quota", [])
	not is_object(object.get(r.data, "AccountQuota", null))
}

unknown contains {"resource": r.id, "reason": sprintf("a %s entry has no numeric usage or total", [u.set])} if {
	some r in object.get(input.resources, "cvm.quota", [])
	some u in usages(account_quota(r))
	not num.pct(u.used, u.total)
	not zero(u.total)
}

# zero is true for a total of 0 (an entry with no quota): nothing to compare, not unknown.
zero(x) if num.of(x) == 0
