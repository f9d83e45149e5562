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
#   remediation: >-
#     Release unbound EIPs, or ask for a higher EIP quota through a ticket.
#   tam_recommendation: >-
#     Release idle EIPs (they are billed too) and keep quota headroom for failover before
#     big events.
#   references: []
#   params:
#     quota_ids: [TOTAL_EIP_QUOTA]
#     threshold_pct: 80
#   catalogue: LIM-02
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
