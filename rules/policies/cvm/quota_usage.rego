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
#   remediation: >-
#     Release unused instances or images, or ask for a higher quota through a ticket before
#     the next scale-out.
#   tam_recommendation: >-
#     Keep at least 20 % quota headroom in every zone you scale in, and raise quotas ahead of
#     big events; we can help file the increase.
#   references: []
#   params:
#     medium_pct: 80
#     high_pct: 100
#   catalogue: LIM-01
package tsa.rules.cvm.quota_usage

import data.tsa.lib.num

params := input.params["TSA-CVM-202"]

# usages reads every quota of the AccountQuota object as {set, zone, used, total}.
usages(q) := array.concat(
	[{"set": set, "zone": object.get(e, "Zone", ""), "used": e.UsedQuota, "total": e.TotalQuota} |
		some set in ["PostPaidQuotaSet", "PrePaidQuotaSet", "SpotPaidQuotaSet", "ImageQuotaSet"]
		some e in object.get(q, set, [])
	],
	[{"set": "DisasterRecoverGroupQuotaSet", "zone": "", "used": e.CurrentNum, "total": e.GroupQuota} |
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
