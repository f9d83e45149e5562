package tsa.rules.cdb.async_replication_test

import data.tsa.rules.cdb.async_replication as rule

all := {"TSA-CDB-102": {"tag_key": "", "tag_values": ["prod"]}}

prod_only := {"TSA-CDB-102": {"tag_key": "env", "tag_values": ["prod"]}}

inst(d, tags) := {"id": "cdb-1", "name": "orders", "tags": tags, "data": object.union({"DeviceType": "UNIVERSAL", "InstanceNodes": 2}, d)}

run(p, i) := r if {
	r := rule.deny with input as {"params": p, "resources": {"cdb.instance": [i]}}
}

test_async_fails if {
	some f in run(all, inst({"ProtectMode": 0}, {}))
	f.evidence.ProtectMode == 0
}

test_semi_sync_and_strong_sync_pass if {
	count(run(all, inst({"ProtectMode": 1}, {}))) == 0
	count(run(all, inst({"ProtectMode": 2}, {}))) == 0
}

test_missing_protect_mode_not_failed if {
	count(run(all, inst({}, {}))) == 0
	count(run(all, inst({"ProtectMode": null}, {}))) == 0
}

test_single_node_not_in_scope if {
	count(run(all, inst({"ProtectMode": 0, "DeviceType": "BASIC", "InstanceNodes": 1}, {}))) == 0
}

test_tag_scope if {
	count(run(prod_only, inst({"ProtectMode": 0}, {"env": "prod"}))) == 1
	count(run(prod_only, inst({"ProtectMode": 0}, {"env": "test"}))) == 0
	count(run(prod_only, inst({"ProtectMode": 0}, {}))) == 0
}

test_missing_protect_mode_unknown if {
	count(run(all, inst({}, {}))) == 0
	count(rule.unknown) == 1 with input as {"params": all, "resources": {"cdb.instance": [inst({}, {})]}}
}

test_null_instance_type_unknown if {
	i := inst({"InstanceType": null, "ProtectMode": 0}, {})
	count(run(all, i)) == 0
	count(rule.unknown) == 1 with input as {"params": all, "resources": {"cdb.instance": [i]}}
}
