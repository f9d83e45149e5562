package tsa.rules.cvm.quota_usage_test

import data.tsa.rules.cvm.quota_usage as rule

params := {"TSA-CVM-202": {"medium_pct": 80, "high_pct": 100}}

quota(q) := {"id": "cvm-quota/ap-guangzhou", "name": "", "region": "ap-guangzhou", "data": {"Region": "ap-guangzhou", "AccountQuota": q}}

run(q) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cvm.quota": [quota(q)]}}
}

test_postpaid_zone_at_85_pct_fails_medium if {
	some f in run({"PostPaidQuotaSet": [{"Zone": "ap-guangzhou-3", "UsedQuota": 17, "RemainingQuota": 3, "TotalQuota": 20}, {"Zone": "ap-guangzhou-6", "UsedQuota": 1, "TotalQuota": 20}]})
	f.severity == "medium"
	f.evidence.quotas == [{"set": "PostPaidQuotaSet", "zone": "ap-guangzhou-3", "used": 17, "total": 20, "pct": 85}]
	contains(f.message, "PostPaidQuotaSet ap-guangzhou-3 17 of 20 (85%)")
}

test_full_quota_fails_high if {
	some f in run({"PrePaidQuotaSet": [{"Zone": "ap-guangzhou-3", "UsedQuota": 50, "TotalQuota": 50}], "ImageQuotaSet": [{"UsedQuota": 9, "TotalQuota": 10}]})
	f.severity == "high"
	count(f.evidence.quotas) == 2
}

test_exactly_80_pct_fails if {
	count(run({"SpotPaidQuotaSet": [{"Zone": "ap-guangzhou-3", "UsedQuota": 8, "TotalQuota": 10}]})) == 1
}

test_just_below_80_pct_passes if {
	count(run({"SpotPaidQuotaSet": [{"Zone": "ap-guangzhou-3", "UsedQuota": 79, "TotalQuota": 100}]})) == 0
}

test_placement_groups_are_read if {
	some f in run({"DisasterRecoverGroupQuotaSet": [{"GroupQuota": 10, "CurrentNum": 10, "CvmInHostGroupQuota": 50}]})
	f.severity == "high"
}

test_zero_total_and_missing_fields_pass if {
	count(run({"PostPaidQuotaSet": [{"Zone": "ap-guangzhou-3", "UsedQuota": 0, "TotalQuota": 0}, {"Zone": "ap-guangzhou-4"}]})) == 0
}

test_empty_or_null_quota_passes if {
	count(run({})) == 0
	count(run(null)) == 0
}

test_missing_quota_is_unknown if {
	inp := {"params": {"TSA-CVM-202": {"medium_pct": 80, "high_pct": 95}}, "resources": {"cvm.quota": [{"id": "cvm-quota/ap-guangzhou", "region": "ap-guangzhou", "data": {}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_entry_without_numbers_is_unknown if {
	inp := {"params": {"TSA-CVM-202": {"medium_pct": 80, "high_pct": 95}}, "resources": {"cvm.quota": [{"id": "cvm-quota/ap-guangzhou", "region": "ap-guangzhou", "data": {"AccountQuota": {"PostPaidQuotaSet": [{"Zone": "ap-guangzhou-3", "UsedQuota": 5}]}}}]}}
	count(rule.unknown) == 1 with input as inp
}
