package tsa.rules.cdb.no_standby_test

import data.tsa.rules.cdb.no_standby as rule

inst(d) := {"id": "cdb-1", "name": "orders", "data": d}

run(d) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"cdb.instance": [inst(d)]}}
}

test_basic_edition_fails_high if {
	some f in run({"DeviceType": "BASIC_V2", "InstanceType": 1, "Zone": "ap-guangzhou-3"})
	not f.severity
	f.evidence.DeviceType == "BASIC_V2"
}

test_single_node_count_fails_high if {
	some f in run({"DeviceType": "UNIVERSAL", "InstanceNodes": 1})
	not f.severity
}

test_missing_slave_info_fails_high if {
	some f in run({"DeviceType": "UNIVERSAL", "Zone": "ap-guangzhou-3"})
	not f.severity
}

test_replica_in_same_zone_fails_medium if {
	some f in run({"DeviceType": "UNIVERSAL", "InstanceNodes": 2, "DeployMode": 0, "Zone": "ap-guangzhou-3", "SlaveInfo": {"First": {"Zone": "ap-guangzhou-3"}}})
	f.severity == "medium"
	f.evidence.zones == {"ap-guangzhou-3"}
}

test_single_az_mode_without_zone_details_fails_medium if {
	some f in run({"DeviceType": "EXCLUSIVE", "InstanceNodes": 3, "DeployMode": 0, "Zone": "ap-guangzhou-3"})
	f.severity == "medium"
}

test_multi_az_passes if {
	count(run({"DeviceType": "UNIVERSAL", "InstanceNodes": 2, "DeployMode": 1, "Zone": "ap-guangzhou-3", "SlaveInfo": {"First": {"Zone": "ap-guangzhou-4"}}})) == 0
	count(run({"DeviceType": "UNIVERSAL", "InstanceNodes": 3, "DeployMode": 1, "Zone": "ap-guangzhou-3", "SlaveInfo": {"First": {"Zone": "ap-guangzhou-4"}, "Second": {"Zone": "ap-guangzhou-3"}}})) == 0
}

test_read_only_and_dr_instances_not_in_scope if {
	count(run({"DeviceType": "BASIC", "InstanceType": 3})) == 0
	count(run({"DeviceType": "BASIC", "InstanceType": 2})) == 0
}

test_cluster_edition_without_slave_info_passes if {
	count(run({"DeviceType": "CLOUD_NATIVE_CLUSTER", "DeployMode": 1})) == 0
}

test_null_slave_info_reads_as_none if {
	some f in run({"DeviceType": "UNIVERSAL", "SlaveInfo": null})
	not f.severity
}

test_missing_architecture_unknown if {
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"cdb.instance": [inst({"InstanceType": 1})]}}
	count(rule.unknown) == 0 with input as {"params": {}, "resources": {"cdb.instance": [inst({"InstanceType": 1, "DeviceType": "UNIVERSAL"})]}}
}

test_null_instance_type_unknown if {
	count(rule.deny) == 0 with input as {"params": {}, "resources": {"cdb.instance": [inst({"InstanceType": null, "DeviceType": "BASIC"})]}}
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"cdb.instance": [inst({"InstanceType": null, "DeviceType": "BASIC"})]}}
}
