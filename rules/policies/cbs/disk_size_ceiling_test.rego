package tsa.rules.cbs.disk_size_ceiling_test

import data.tsa.rules.cbs.disk_size_ceiling as rule

params := {"TSA-CBS-202": {"threshold_pct": 80}}

quota := {"id": "cbs-quota/ap-guangzhou", "name": "", "region": "ap-guangzhou", "data": {"DiskConfigSet": [
	{"Available": true, "DiskChargeType": "POSTPAID_BY_HOUR", "Zone": "ap-guangzhou-3", "DiskType": "CLOUD_PREMIUM", "DiskUsage": "DATA_DISK", "MinDiskSize": 10, "MaxDiskSize": 32000, "StepSize": 10},
	{"Available": true, "DiskChargeType": "POSTPAID_BY_HOUR", "Zone": "ap-guangzhou-3", "DiskType": "CLOUD_PREMIUM", "DiskUsage": "SYSTEM_DISK", "MinDiskSize": 20, "MaxDiskSize": 1024, "StepSize": 1},
]}}

disk(size, usage) := {"id": "disk-test0001", "name": "data", "region": "ap-guangzhou", "data": {"DiskSize": size, "DiskType": "CLOUD_PREMIUM", "DiskUsage": usage, "Placement": {"Zone": "ap-guangzhou-3"}}}

run(d, quotas) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cbs.disk": [d], "cbs.disk_quota": quotas}}
}

test_data_disk_near_ceiling_fails if {
	some f in run(disk(30000, "DATA_DISK"), [quota])
	f.evidence.MaxDiskSize == 32000
	contains(f.message, "93.8% of the 32000 GB maximum for CLOUD_PREMIUM in ap-guangzhou-3")
}

test_system_disk_uses_its_own_ceiling if {
	count(run(disk(900, "SYSTEM_DISK"), [quota])) == 1
	count(run(disk(900, "DATA_DISK"), [quota])) == 0
}

test_exactly_threshold_fails if {
	count(run(disk(25600, "DATA_DISK"), [quota])) == 1
}

test_below_threshold_passes if {
	count(run(disk(25590, "DATA_DISK"), [quota])) == 0
}

test_other_zone_or_type_not_matched if {
	d := {"id": "disk-x", "name": "x", "region": "ap-guangzhou", "data": {"DiskSize": 31000, "DiskType": "CLOUD_SSD", "DiskUsage": "DATA_DISK", "Placement": {"Zone": "ap-guangzhou-3"}}}
	count(run(d, [quota])) == 0
}

test_no_quota_read_passes if {
	count(run(disk(31000, "DATA_DISK"), [])) == 0
}

test_missing_quota_is_unknown if {
	inp := {"params": {"TSA-CBS-202": {"threshold_pct": 80}}, "resources": {"cbs.disk": [{"id": "disk-x", "name": "x", "region": "ap-guangzhou", "data": {"DiskSize": 30000, "DiskType": "CLOUD_SSD", "DiskUsage": "DATA_DISK", "Placement": {"Zone": "ap-guangzhou-3"}}}], "cbs.disk_quota": []}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_missing_size_is_unknown if {
	inp := {"params": {"TSA-CBS-202": {"threshold_pct": 80}}, "resources": {"cbs.disk": [{"id": "disk-x", "name": "x", "region": "ap-guangzhou", "data": {"DiskType": "CLOUD_SSD", "DiskUsage": "DATA_DISK", "Placement": {"Zone": "ap-guangzhou-3"}}}], "cbs.disk_quota": [{"id": "q", "region": "ap-guangzhou", "data": {"DiskConfigSet": [{"Zone": "ap-guangzhou-3", "DiskType": "CLOUD_SSD", "MaxDiskSize": 32000}]}}]}}
	count(rule.unknown) == 1 with input as inp
}
