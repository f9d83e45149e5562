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
#   resource_types: [clb.quota]
#   joins: [clb.load_balancer]
#   reads: [data.QuotaSet]
#   remediation: >-
#     Remove unused load balancers, listeners and rules, consolidate services on fewer
#     listeners with domain/URL rules, or ask for a higher quota through a ticket.
#   tam_recommendation: >-
#     Review CLB usage against quotas before launches and raise quotas early; quota
#     increases take a ticket and some time.
#   references:
#     - https://cloud.tencent.com/document/api/214/30685
#     - https://www.tencentcloud.com/document/api/214/30685
#     - https://cloud.tencent.com/document/product/214/517
#   params:
#     threshold_pct: 80
#   catalogue: LIM-04
#   i18n:
#     zh-CN:
#       title: 负载均衡配额即将用尽
#       description: >-
#         地域内的负载均衡已占用某项账号配额（公网或内网负载均衡实例数等）的 80% 以上，或某个负载均衡的监听器数、某个监听器的转发规则数已达到单实例配额的 80% 以上，
#         下一个服务或路由将无法添加。
#       remediation: >-
#         删除不再使用的负载均衡、监听器和规则，用域名和 URL 规则把服务合并到更少的监听器上，或通过工单申请提高配额。
#       tam_recommendation: >-
#         在上线前对照配额检查负载均衡的使用情况并尽早提额；提额需要提交工单，也需要一定时间。
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

unknown contains {"resource": r.id, "resource_type": "clb.quota", "reason": "QuotaSet is absent or null"} if {
	some r in object.get(input.resources, "clb.quota", [])
	not is_array(object.get(r.data, "QuotaSet", null))
}

unknown contains {"resource": lb.id, "resource_type": "clb.load_balancer", "reason": "the load balancer's listeners were not read (related.listeners)"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	not is_array(object.get(lb, ["related", "listeners"], null))
}
