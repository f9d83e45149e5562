package tsa.rules.vpc.eip_quota_usage_test

import data.tsa.rules.vpc.eip_quota_usage as rule

params := {"TSA-VPC-201": {"quota_ids": ["TOTAL_EIP_QUOTA"], "threshold_pct": 80}}

run(d) := r if {
	r := rule.deny with input as {"params": params, "resources": {"vpc.address_quota": [{"id": "vpc-address-quota/ap-guangzhou", "name": "", "region": "ap-guangzhou", "data": d}]}}
}

test_eip_quota_at_90_pct_fails if {
	some f in run({"QuotaSet": [{"QuotaId": "TOTAL_EIP_QUOTA", "QuotaCurrent": 18, "QuotaLimit": 20}, {"QuotaId": "DAILY_EIP_APPLY", "QuotaCurrent": 0, "QuotaLimit": 40}]})
	contains(f.message, "TOTAL_EIP_QUOTA 18 of 20 (90%)")
	count(f.evidence.QuotaSet) == 1
}

test_exactly_80_pct_fails if {
	count(run({"QuotaSet": [{"QuotaId": "TOTAL_EIP_QUOTA", "QuotaCurrent": 16, "QuotaLimit": 20}]})) == 1
}

test_below_80_pct_passes if {
	count(run({"QuotaSet": [{"QuotaId": "TOTAL_EIP_QUOTA", "QuotaCurrent": 15, "QuotaLimit": 20}]})) == 0
}

test_other_quota_ids_ignored if {
	count(run({"QuotaSet": [{"QuotaId": "DAILY_EIP_APPLY", "QuotaCurrent": 40, "QuotaLimit": 40}]})) == 0
}

test_bare_list_is_read if {
	count(run([{"QuotaId": "TOTAL_EIP_QUOTA", "QuotaCurrent": 20, "QuotaLimit": 20}])) == 1
}

test_null_values_pass if {
	count(run({"QuotaSet": [{"QuotaId": "TOTAL_EIP_QUOTA", "QuotaCurrent": null, "QuotaLimit": 20}, {"QuotaId": "TOTAL_EIP_QUOTA", "QuotaCurrent": 3, "QuotaLimit": 0}]})) == 0
	count(run({"QuotaSet": null})) == 0
}

test_quota_missing_is_unknown if {
	inp := {"params": {"TSA-VPC-201": {"quota_ids": ["TOTAL_EIP_QUOTA"], "threshold_pct": 80}}, "resources": {"vpc.address_quota": [{"id": "q-1", "region": "ap-guangzhou", "data": {"QuotaSet": [{"QuotaId": "TOTAL_EIP_QUOTA", "QuotaLimit": 20}]}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
