# METADATA
# title: EIP quota nearly used up
# description: >-
#   The elastic IPs of the region use 80 % or more of the account's EIP quota, so the next
#   instance, NAT gateway or failover that needs a public address cannot get one.
# scope: package
# custom:
#   id: TSA-VPC-201
#   pillar: service_limits
#   severity: medium
#   resource_types: [vpc.address_quota]
#   reads: [data.QuotaSet]
#   remediation: >-
#     Release unbound EIPs, or ask for a higher EIP quota through a ticket.
#   tam_recommendation: >-
#     Release idle EIPs (they are billed too) and keep quota headroom for failover before
#     big events.
#   references:
#     - https://cloud.tencent.com/document/product/1199/41648
#     - https://cloud.tencent.com/document/product/215/16701
#     - https://www.tencentcloud.com/document/api/215/16701
#   params:
#     quota_ids: [TOTAL_EIP_QUOTA]
#     threshold_pct: 80
#   catalogue: LIM-02
#   i18n:
#     zh-CN:
#       title: 弹性公网 IP 配额即将用尽
#       description: >-
#         地域内的弹性公网 IP 已占用账号 EIP 配额的 80% 以上，下一次扩容或故障切换时可能无法申请到新地址。
#       remediation: >-
#         释放未绑定的 EIP，或通过工单申请提高 EIP 配额。
#       tam_recommendation: >-
#         释放闲置 EIP（闲置同样收费），并在重大活动前为故障切换预留配额余量。
package tsa.rules.vpc.eip_quota_usage

import data.tsa.lib.num

params := input.params["TSA-VPC-201"]

# quota_set reads the DescribeAddressQuota answer ({"QuotaSet": [...]}, or the list itself).
quota_set(d) := object.get(d, "QuotaSet", []) if is_object(d)

else := d if is_array(d)

else := []

tight(r) := [{"QuotaId": q.QuotaId, "QuotaCurrent": q.QuotaCurrent, "QuotaLimit": q.QuotaLimit, "pct": num.round1(p)} |
	some q in quota_set(r.data)
	q.QuotaId in params.quota_ids
	p := num.pct(q.QuotaCurrent, q.QuotaLimit)
	p >= params.threshold_pct
]

deny contains finding if {
	some r in input.resources["vpc.address_quota"]
	ts := tight(r)
	count(ts) > 0
	finding := {
		"resource": r.id,
		"message": sprintf("EIP quota in %s nearly used up: %s", [r.region, concat("; ", [sprintf("%s %v of %v (%v%%)", [t.QuotaId, t.QuotaCurrent, t.QuotaLimit, t.pct]) | some t in ts])]),
		"evidence": {"QuotaSet": ts},
	}
}

unknown contains {"resource": r.id, "reason": sprintf("quota %s is missing from QuotaSet or has no numeric QuotaCurrent / QuotaLimit", [id])} if {
	some r in object.get(input.resources, "vpc.address_quota", [])
	some id in params.quota_ids
	not readable(r, id)
}

readable(r, id) if {
	some q in quota_set(r.data)
	q.QuotaId == id
	num.of(q.QuotaCurrent)
	num.of(q.QuotaLimit)
}
