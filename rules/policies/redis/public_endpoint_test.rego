package tsa.rules.redis.public_endpoint_test

import data.tsa.rules.redis.public_endpoint as rule

run(d) := r if {
	r := rule.deny with input as {"params": {}, "resources": {"redis.instance": [{"id": "crs-test0001", "name": "cache", "data": d, "related": {}}]}}
}

test_public_address_fails if {
	some f in run({"WanIp": "10.0.0.5", "WanAddress": "crs-test0001.sql.tencentcdb.com:26379"})
	f.evidence.WanAddress == "crs-test0001.sql.tencentcdb.com:26379"
	contains(f.message, "crs-test0001.sql.tencentcdb.com:26379")
}

test_empty_address_passes if {
	count(run({"WanIp": "10.0.0.5", "WanAddress": ""})) == 0
	count(run({"WanIp": "10.0.0.5", "WanAddress": "  "})) == 0
}

test_missing_or_null_address_passes if {
	count(run({"WanIp": "10.0.0.5"})) == 0
	count(run({"WanAddress": null})) == 0
}

test_missing_wan_address_unknown if {
	count(run({})) == 0
	count(rule.unknown) == 1 with input as {"params": {}, "resources": {"redis.instance": [{"id": "crs-1", "name": "x", "data": {"WanAddress": null}}]}}
	count(rule.unknown) == 0 with input as {"params": {}, "resources": {"redis.instance": [{"id": "crs-1", "name": "x", "data": {"WanAddress": ""}}]}}
}
