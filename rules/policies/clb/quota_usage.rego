# METADATA
# title: CLB quotas nearly used up
# description: >-
#   The load balancers of the region use 80 % or more of an account quota (public or private
#   CLB instances, …), or a load balancer's listeners, or a listener's forwarding rules, use
#   80 % or more of the per-instance quota: the next service or route cannot be added.
# scope: package
# custom:
#   id: TSA-CLB-201
#   pillar: service_limits
#   severity: medium
#   resource_types: [clb.quota, clb.load_balancer]
#   remediation: >-
#     Remove unused load balancers, listeners and rules, consolidate services on fewer
#     listeners with domain/URL rules, or ask for a higher quota through a ticket.
#   tam_recommendation: >-
#     Review CLB usage against quotas before launches and raise quotas early; quota
#     increases take a ticket and some time.
#   references: []
#   params:
#     threshold_pct: 80
#   catalogue: LIM-04
package tsa.rules.clb.quota_usage

import data.tsa.lib.num

params := input.params["TSA-CLB-201"]

# quota_set reads the DescribeQuota answer ({"QuotaSet": [...]}, or the list itself).
quota_set(d) := object.get(d, "QuotaSet", []) if is_object(d)

else := d if is_array(d)

else := []

# limit is the per-instance quota QuotaId of a region (QuotaCurrent is null for those).
limit(region, id) := l if {
	some r in input.resources["clb.quota"]
	r.region == region
	some q in quota_set(r.data)
	q.QuotaId == id
	l := num.of(q.QuotaLimit)
}

account_tight(r) := [{"QuotaId": q.QuotaId, "QuotaCurrent": q.QuotaCurrent, "QuotaLimit": q.QuotaLimit, "pct": num.round1(p)} |
	some q in quota_set(r.data)
	p := num.pct(q.QuotaCurrent, q.QuotaLimit)
	p >= params.threshold_pct
]

deny contains finding if {
	some r in input.resources["clb.quota"]
	ts := account_tight(r)
	count(ts) > 0
	finding := {
		"resource": r.id,
		"resource_type": "clb.quota",
		"message": sprintf("CLB quota in %s nearly used up: %s", [r.region, concat("; ", [sprintf("%s %v of %v (%v%%)", [t.QuotaId, t.QuotaCurrent, t.QuotaLimit, t.pct]) | some t in ts])]),
		"evidence": {"QuotaSet": ts},
	}
}

# lb_tight lists a load balancer's listener count and its listeners' rule counts at or above
# the threshold of the per-instance quotas.
lb_tight(lb) := array.concat(
	[{"QuotaId": "TOTAL_LISTENER_QUOTA", "scope": lb.id, "used": n, "limit": l, "pct": num.round1(p)} |
		n := count(lb.related.listeners)
		l := limit(lb.region, "TOTAL_LISTENER_QUOTA")
		p := num.pct(n, l)
		p >= params.threshold_pct
	],
	[{"QuotaId": "TOTAL_LISTENER_RULE_QUOTA", "scope": object.get(ls, "ListenerId", ""), "used": n, "limit": l, "pct": num.round1(p)} |
		some ls in lb.related.listeners
		n := count([x | some x in object.get(ls, "Rules", [])])
		l := limit(lb.region, "TOTAL_LISTENER_RULE_QUOTA")
		p := num.pct(n, l)
		p >= params.threshold_pct
	],
)

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	is_array(lb.related.listeners)
	ts := lb_tight(lb)
	count(ts) > 0
	finding := {
		"resource": lb.id,
		"resource_type": "clb.load_balancer",
		"message": sprintf("load balancer %s (%s) nearly at its quota: %s", [lb.id, lb.name, concat("; ", [sprintf("%s %s %d of %v", [t.QuotaId, t.scope, t.used, t.limit]) | some t in ts])]),
		"evidence": {"quotas": ts},
	}
}
