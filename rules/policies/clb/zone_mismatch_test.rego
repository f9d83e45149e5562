package tsa.rules.clb.zone_mismatch_test

import data.tsa.rules.clb.zone_mismatch as rule

params := {"TSA-CLB-104": {"require_backup_zone": true}}

lb(d, targets) := {"id": "lb-1", "name": "web", "data": d, "related": {"targets": targets}}

run(x) := r if {
	r := rule.deny with input as {"params": params, "resources": {"clb.load_balancer": [x]}}
}

zone(z) := {"Zone": z, "ZoneId": 100003}

listener(zones) := [{"ListenerId": "lbl-1", "Protocol": "TCP", "Port": 80, "Targets": [{"InstanceId": sprintf("ins-%d", [i]), "Port": 80, "Zone": z} | some i, z in zones]}]

test_public_without_backup_zone_fails if {
	some f in run(lb({"LoadBalancerType": "OPEN", "MasterZone": zone("ap-guangzhou-3")}, listener(["ap-guangzhou-3"])))
	contains(f.message, "no backup zone")
}

test_backup_zone_and_local_backends_pass if {
	count(run(lb({"LoadBalancerType": "OPEN", "MasterZone": zone("ap-guangzhou-3"), "BackupZoneSet": [zone("ap-guangzhou-4")]}, listener(["ap-guangzhou-3", "ap-guangzhou-4"])))) == 0
}

test_backends_all_outside_fail if {
	some f in run(lb({"LoadBalancerType": "INTERNAL", "MasterZone": zone("ap-guangzhou-3")}, listener(["ap-guangzhou-6", "ap-guangzhou-7"])))
	f.evidence.backend_zones == {"ap-guangzhou-6", "ap-guangzhou-7"}
	not contains(f.message, "no backup zone")
}

test_one_backend_in_zone_is_enough if {
	count(run(lb({"LoadBalancerType": "INTERNAL", "MasterZone": zone("ap-guangzhou-3")}, listener(["ap-guangzhou-6", "ap-guangzhou-3"])))) == 0
}

test_internal_without_backup_zone_passes if {
	count(run(lb({"LoadBalancerType": "INTERNAL", "MasterZone": zone("ap-guangzhou-3")}, []))) == 0
}

test_backup_zone_check_can_be_turned_off if {
	count(rule.deny) == 0 with input as {"params": {"TSA-CLB-104": {"require_backup_zone": false}}, "resources": {"clb.load_balancer": [lb({"LoadBalancerType": "OPEN", "MasterZone": zone("ap-guangzhou-3")}, [])]}}
}

test_no_master_zone_not_assessed if {
	count(run(lb({"LoadBalancerType": "OPEN"}, listener(["ap-guangzhou-6"])))) == 0
	count(run(lb({"LoadBalancerType": "OPEN", "MasterZone": null}, []))) == 0
}

test_backends_without_zone_ignored if {
	count(run(lb({"LoadBalancerType": "INTERNAL", "MasterZone": zone("ap-guangzhou-3")}, [{"ListenerId": "lbl-1", "Targets": [{"InstanceId": "ins-1"}]}]))) == 0
}

test_missing_master_zone_is_unknown if {
	inp := {"params": {"TSA-CLB-104": {"require_backup_zone": true}}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {"LoadBalancerType": "OPEN", "BackupZoneSet": []}, "related": {"targets": []}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}

test_missing_type_without_backup_zone_is_unknown if {
	inp := {"params": {"TSA-CLB-104": {"require_backup_zone": true}}, "resources": {"clb.load_balancer": [{"id": "lb-x", "name": "x", "data": {"MasterZone": {"Zone": "ap-guangzhou-3"}, "BackupZoneSet": []}, "related": {"targets": []}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
