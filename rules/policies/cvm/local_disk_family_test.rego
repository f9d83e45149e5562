package tsa.rules.cvm.local_disk_family_test

import data.tsa.rules.cvm.local_disk_family as rule

params := {"TSA-CVM-103": {"local_disk_families": ["IT", "ITA", "D", "DA"]}}

inst(d) := {"id": "ins-1", "name": "db", "data": d}

run(d) := r if {
	r := rule.deny with input as {"params": params, "resources": {"cvm.instance": [inst(d)]}}
}

test_local_system_disk_on_standard_family_fails if {
	some f in run({"InstanceType": "S5.MEDIUM4", "SystemDisk": {"DiskType": "LOCAL_BASIC", "DiskId": "ldisk-1"}})
	f.evidence.family == "S"
	f.evidence.local_disks == [{"DiskId": "ldisk-1", "DiskType": "LOCAL_BASIC"}]
}

test_local_data_disk_fails if {
	count(run({"InstanceType": "SA2.LARGE8", "SystemDisk": {"DiskType": "CLOUD_PREMIUM"}, "DataDisks": [{"DiskType": "LOCAL_SSD", "DiskId": "ldisk-2"}]})) == 1
}

test_high_io_family_passes if {
	count(run({"InstanceType": "IT5.4XLARGE64", "SystemDisk": {"DiskType": "LOCAL_BASIC"}, "DataDisks": [{"DiskType": "LOCAL_NVME"}]})) == 0
	count(run({"InstanceType": "ITA4.4XLARGE64", "SystemDisk": {"DiskType": "LOCAL_BASIC"}})) == 0
	count(run({"InstanceType": "D3.2XLARGE32", "SystemDisk": {"DiskType": "LOCAL_SSD"}})) == 0
}

test_cloud_disks_pass if {
	count(run({"InstanceType": "S5.MEDIUM4", "SystemDisk": {"DiskType": "CLOUD_BSSD"}, "DataDisks": [{"DiskType": "CLOUD_SSD"}]})) == 0
}

test_missing_and_null_disk_fields_pass if {
	count(run({"InstanceType": "S5.MEDIUM4"})) == 0
	count(run({"InstanceType": "S5.MEDIUM4", "SystemDisk": null, "DataDisks": null})) == 0
}

test_missing_instance_type_not_failed if {
	count(run({"SystemDisk": {"DiskType": "LOCAL_BASIC"}})) == 0
}

test_missing_system_disk_is_unknown if {
	inp := {"params": {"TSA-CVM-103": {"local_disk_families": ["IT", "D"]}}, "resources": {"cvm.instance": [{"id": "ins-x", "name": "x", "data": {"InstanceType": "S5.LARGE8"}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_local_disk_with_unreadable_type_is_unknown if {
	inp := {"params": {"TSA-CVM-103": {"local_disk_families": ["IT", "D"]}}, "resources": {"cvm.instance": [{"id": "ins-x", "name": "x", "data": {"SystemDisk": {"DiskType": "LOCAL_BASIC"}}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
