package tsa.rules.cam.key_not_rotated_test

import data.tsa.rules.cam.key_not_rotated as rule

params := {"TSA-CAM-005": {"max_age_days": 90, "high_age_days": 730}}

now := "2026-11-27T00:00:00Z"

user(keys) := {"type": "cam.user", "id": "100020000001", "name": "ci", "data": {}, "related": {"access_keys": keys}}

key(created) := {"AccessKeyId": "AKIDuser1", "Status": "Active", "CreateTime": created}

run(r) := d if {
	d := rule.deny with input as {"now": now, "params": params, "resources": {"cam.user": [r]}}
}

test_key_200_days_old_fails_medium if {
	some f in run(user([key("2026-05-11 08:00:00")]))
	f.severity == "medium"
	f.evidence.AccessKeys[0].age_days == 200
	contains(f.message, "sub-user ci (100020000001)")
}

test_key_three_years_old_fails_high if {
	some f in run(user([key("2023-11-01 08:00:00")]))
	f.severity == "high"
}

test_root_key_is_judged_too if {
	some f in rule.deny with input as {"now": now, "params": params, "resources": {"cam.account": [{"type": "cam.account", "id": "100012345678", "name": "", "data": {}, "related": {"access_keys": [key("2025-01-01 08:00:00")]}}]}}
	f.resource_type == "cam.account"
}

test_exactly_90_days_passes if {
	# 2026-08-29 08:00 China time is 2026-08-29T00:00Z, exactly 90 days before now.
	count(run(user([key("2026-08-29 08:00:00")]))) == 0
}

test_exactly_730_days_is_medium if {
	some f in run(user([key("2024-11-27 08:00:00")]))
	f.severity == "medium"
}

test_inactive_old_key_passes if {
	count(run(user([{"AccessKeyId": "AKIDx", "Status": "Inactive", "CreateTime": "2020-01-01 00:00:00"}]))) == 0
}

test_missing_or_zero_create_time_passes if {
	count(run(user([{"AccessKeyId": "AKIDx", "Status": "Active"}, {"AccessKeyId": "AKIDy", "Status": "Active", "CreateTime": "0000-00-00 00:00:00"}, {"AccessKeyId": "AKIDz", "Status": "Active", "CreateTime": null}]))) == 0
}

test_rfc3339_create_time_is_read if {
	count(run(user([key("2026-01-01T00:00:00Z")]))) == 1
}

test_no_keys_pass if {
	count(run(user([]))) == 0
}

test_missing_keys_or_creation_time_unknown if {
	p := {"TSA-CAM-005": {"max_age_days": 90, "high_age_days": 730}}
	some related in [{}, {"access_keys": null}, {"access_keys": [{"AccessKeyId": "AKIDx", "Status": "Active", "CreateTime": null}]}]
	u := {"type": "cam.user", "id": "1", "name": "x", "data": {}, "related": related}
	count(rule.deny) == 0 with input as {"now": "2026-11-27T00:00:00Z", "params": p, "resources": {"cam.user": [u]}}
	count(rule.unknown) == 1 with input as {"now": "2026-11-27T00:00:00Z", "params": p, "resources": {"cam.user": [u]}}
}
