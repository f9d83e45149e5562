package tsa.rules.redis.risky_commands_enabled_test

import data.tsa.rules.redis.risky_commands_enabled as rule

params := {"TSA-REDIS-001": {"commands": ["flushall", "flushdb", "keys"], "param_name": "disable-command-list"}}

param(value) := {"ParamName": "disable-command-list", "ValueType": "multi", "NeedRestart": "false", "DefaultValue": "", "CurrentValue": value, "EnumValue": ["flushall", "flushdb", "keys", "hgetall", "eval"], "Status": 2}

run(related) := r if {
	r := rule.deny with input as {"params": params, "resources": {"redis.instance": [{"id": "crs-test0001", "name": "cache", "data": {}, "related": related}]}}
}

test_nothing_disabled_fails if {
	some f in run({"params": {"InstanceMultiParam": [param("")]}})
	contains(f.message, "FLUSHALL, FLUSHDB, KEYS")
	f.evidence.not_disabled == ["flushall", "flushdb", "keys"]
}

test_partly_disabled_fails if {
	some f in run({"params": {"InstanceMultiParam": [param("flushall,flushdb")]}})
	f.evidence.not_disabled == ["keys"]
}

unknown(related) := r if {
	r := rule.unknown with input as {"params": params, "resources": {"redis.instance": [{"id": "crs-test0001", "name": "cache", "data": {}, "related": related}]}}
}

test_null_value_unknown if {
	count(run({"params": {"InstanceMultiParam": [param(null)]}})) == 0
	some u in unknown({"params": {"InstanceMultiParam": [param(null)]}})
	contains(u.reason, "no current value")
}

test_all_disabled_passes if {
	count(run({"params": {"InstanceMultiParam": [param("FLUSHALL, flushdb,keys,hgetall")]}})) == 0
}

test_text_parameter_is_read if {
	count(run({"params": {"InstanceTextParam": [param("flushall flushdb keys")]}})) == 0
	count(run({"params": {"InstanceTextParam": [param("keys")]}})) == 1
}

# The old rule passed an instance whose parameters lack disable-command-list.
test_parameter_not_offered_unknown if {
	related := {"params": {"InstanceIntegerParam": [{"ParamName": "timeout", "CurrentValue": "0"}], "InstanceMultiParam": []}}
	count(run(related)) == 0
	some u in unknown(related)
	u.reason == "its parameters do not include disable-command-list"
}

test_unread_params_unknown if {
	count(run({})) == 0
	count(unknown({})) == 1
	count(unknown({"params": null})) == 1
}

test_read_params_with_setting_not_unknown if {
	count(unknown({"params": {"InstanceMultiParam": [param("keys")]}})) == 0
}

test_commands_parameter_is_honoured if {
	p := {"TSA-REDIS-001": {"commands": ["flushall"], "param_name": "disable-command-list"}}
	count(rule.deny) == 0 with input as {"params": p, "resources": {"redis.instance": [{"id": "crs-1", "name": "c", "data": {}, "related": {"params": {"InstanceMultiParam": [param("flushall")]}}}]}}
}
