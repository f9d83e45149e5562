package tsa.rules.cbs.iops_at_cap_test

import data.tsa.lib.testing
import data.tsa.rules.cbs.iops_at_cap as rule

params := {"TSA-CBS-401": {"percent": 95, "min_days": 1, "window_days": 14, "iops_limits": {
	"CLOUD_PREMIUM": {"base": 1800, "per_gb": 8, "max": 6000},
	"CLOUD_SSD": {"base": 1800, "per_gb": 30, "max": 26000},
}}}

disk(d) := {"id": "disk-1", "name": "db", "data": d}

run(d, read, write) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cbs.disk": [disk(d)], "monitor.metric": [testing.metric("cbs_read_iops", "disk-1", read), testing.metric("cbs_write_iops", "disk-1", write)]}}
}

# A 100 GB Premium disk: min(1800 + 800, 6000) = 2600 IOPS; 95 % is 2470.
test_premium_at_limit_fails if {
	some f in run({"DiskType": "CLOUD_PREMIUM", "DiskSize": 100}, [100, 2000], [100, 500])
	f.evidence.iops_limit == 2600
	f.evidence.peak_iops == 2500
}

test_exactly_95_percent_fails if {
	count(run({"DiskType": "CLOUD_PREMIUM", "DiskSize": 100}, [2470], [0])) == 1
}

test_below_95_percent_passes if {
	count(run({"DiskType": "CLOUD_PREMIUM", "DiskSize": 100}, [2469], [0])) == 0
}

test_large_ssd_uses_the_type_ceiling if {
	# 1000 GB SSD: min(31800, 26000) = 26000.
	some f in run({"DiskType": "CLOUD_SSD", "DiskSize": 1000}, [25000], [0])
	f.evidence.iops_limit == 26000
}

test_daily_maxima_preferred if {
	count(rule.deny) == 1 with input as {"params": params, "resources": {"cbs.disk": [disk({"DiskType": "CLOUD_PREMIUM", "DiskSize": 100})], "monitor.metric": [
		testing.metric_max("cbs_read_iops", "disk-1", [100], [2600]),
		testing.metric("cbs_write_iops", "disk-1", [0]),
	]}}
}

unknowns(d, read, write) := r if {
	r := rule.unknown with input as {"params": params, "resources": {"cbs.disk": [disk(d)], "monitor.metric": [testing.metric("cbs_read_iops", "disk-1", read), testing.metric("cbs_write_iops", "disk-1", write)]}}
}

# The old rule passed every type outside its table: now a type without a formula is unknown.
test_type_without_formula_is_unknown if {
	count(run({"DiskType": "CLOUD_BASIC", "DiskSize": 100}, [9000], [9000])) == 0
	some u in unknowns({"DiskType": "CLOUD_BASIC", "DiskSize": 100}, [9000], [9000])
	contains(u.reason, "CLOUD_BASIC")
}

test_missing_size_or_type_is_unknown if {
	count(unknowns({"DiskType": "CLOUD_PREMIUM"}, [9000], [9000])) == 1
	count(unknowns({"DiskSize": 100}, [9000], [9000])) == 1
}

test_extra_performance_is_unknown if {
	count(run({"DiskType": "CLOUD_HSSD", "DiskSize": 1000, "ThroughputPerformance": 100}, [90000], [0])) == 0
	count(unknowns({"DiskType": "CLOUD_HSSD", "DiskSize": 1000, "ThroughputPerformance": 100}, [90000], [0])) == 1
}

test_enhanced_ssd_at_cap_fails if {
	p := {"TSA-CBS-401": {"percent": 95, "min_days": 1, "window_days": 14, "iops_limits": {"CLOUD_HSSD": {"base": 1800, "per_gb": 50, "max": 50000}}}}
	some f in rule.deny with input as {"params": p, "resources": {"cbs.disk": [disk({"DiskType": "CLOUD_HSSD", "DiskSize": 100})], "monitor.metric": [testing.metric("cbs_read_iops", "disk-1", [6600]), testing.metric("cbs_write_iops", "disk-1", [0])]}}
	f.evidence.iops_limit == 6800
}

test_no_series_not_failed if {
	count(rule.deny) == 0 with input as {"params": params, "resources": {"cbs.disk": [disk({"DiskType": "CLOUD_PREMIUM", "DiskSize": 100})]}}
}

test_no_aligned_day_is_unknown if {
	count(unknowns({"DiskType": "CLOUD_PREMIUM", "DiskSize": 100}, [null], [9000])) == 1
}

test_null_days_skipped if {
	count(run({"DiskType": "CLOUD_PREMIUM", "DiskSize": 100}, [null], [9000])) == 0
}
