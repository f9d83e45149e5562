package tsa.rules.clb.quota_usage_test

import data.tsa.rules.clb.quota_usage as rule

params := {"TSA-CLB-201": {"threshold_pct": 80}}

quota(set) := {"id": "clb-quota/ap-guangzhou", "name": "", "region": "ap-guangzhou", "data": {"QuotaSet": set}}

defaults := [
	{"QuotaId": "TOTAL_OPEN_CLB_QUOTA", "QuotaCurrent": 10, "QuotaLimit": 100},
	{"QuotaId": "TOTAL_INTERNAL_CLB_QUOTA", "QuotaCurrent": 2, "QuotaLimit": 100},
	{"QuotaId": "TOTAL_LISTENER_QUOTA", "QuotaCurrent": null, "QuotaLimit": 5},
	{"QuotaId": "TOTAL_LISTENER_RULE_QUOTA", "QuotaCurrent": null, "QuotaLimit": 5},
]

lb(listeners) := {"id": "lb-test0001", "name": "web", "region": "ap-guangzhou", "data": {}, "related": {"listeners": listeners}}

listener(id, rules) := {"ListenerId": id, "Protocol": "HTTP", "Port": 80, "Rules": rules}

run(set, lbs) := r if {
	r := rule.deny with input as {"params": params, "resources": {"clb.quota": [quota(set)], "clb.load_balancer": lbs}}
}

test_open_clb_quota_fails if {
	some f in run([{"QuotaId": "TOTAL_OPEN_CLB_QUOTA", "QuotaCurrent": 90, "QuotaLimit": 100}], [])
	f.resource == "clb-quota/ap-guangzhou"
	contains(f.message, "TOTAL_OPEN_CLB_QUOTA 90 of 100 (90%)")
}

test_listeners_per_lb_fail if {
	ls := [listener("lbl-1", []), listener("lbl-2", []), listener("lbl-3", []), listener("lbl-4", [])]
	some f in run(defaults, [lb(ls)])
	f.resource == "lb-test0001"
	f.evidence.quotas[0].QuotaId == "TOTAL_LISTENER_QUOTA"
	f.evidence.quotas[0].used == 4
}

test_rules_per_listener_fail if {
	rules := [{"LocationId": "loc-1"}, {"LocationId": "loc-2"}, {"LocationId": "loc-3"}, {"LocationId": "loc-4"}, {"LocationId": "loc-5"}]
	some f in run(defaults, [lb([listener("lbl-1", rules)])])
	f.evidence.quotas == [{"QuotaId": "TOTAL_LISTENER_RULE_QUOTA", "scope": "lbl-1", "used": 5, "limit": 5, "pct": 100}]
}

test_headroom_passes if {
	count(run(defaults, [lb([listener("lbl-1", [{"LocationId": "loc-1"}])])])) == 0
}

test_per_instance_quota_with_null_current_is_not_account_level if {
	count(run([{"QuotaId": "TOTAL_LISTENER_QUOTA", "QuotaCurrent": null, "QuotaLimit": 50}], [])) == 0
}

test_unread_listeners_not_failed if {
	count(run(defaults, [{"id": "lb-x", "name": "x", "region": "ap-guangzhou", "data": {}, "related": {}}])) == 0
}

test_no_quota_for_region_passes if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"clb.load_balancer": [lb([listener("a", []), listener("b", []), listener("c", [])])]}}
}

test_null_rules_count_as_none if {
	count(run(defaults, [lb([listener("lbl-1", null)])])) == 0
}

test_missing_quota_set_is_unknown if {
	inp := {"params": {"TSA-CLB-201": {"threshold_pct": 80}}, "resources": {"clb.quota": [{"id": "clb-quota/ap-guangzhou", "region": "ap-guangzhou", "data": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
