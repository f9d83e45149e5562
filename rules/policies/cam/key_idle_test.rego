package tsa.rules.cam.key_idle_test

import data.tsa.rules.cam.key_idle as rule

params := {"TSA-CAM-006": {"idle_days": 90}}

now := "2026-11-27T00:00:00Z"

key := {"AccessKeyId": "AKIDuser1", "Status": "Active", "CreateTime": "2025-01-01 08:00:00"}

user(keys, used) := {"type": "cam.user", "id": "100020000001", "name": "ci", "data": {}, "related": {"access_keys": keys, "key_last_used": used}}

run(r) := d if {
	d := rule.deny with input as {"now": now, "params": params, "resources": {"cam.user": [r]}}
}

test_last_used_long_ago_fails if {
	some f in run(user([key], [{"SecretId": "AKIDuser1", "LastUsedDate": "2026-05-01"}]))
	contains(f.message, "AKIDuser1 (last used 2026-05-01)")
	f.evidence.AccessKeys[0].LastUsedDate == "2026-05-01"
}

test_never_used_old_key_fails if {
	some f in run(user([key], [{"SecretId": "AKIDuser1", "LastUsedDate": null, "LastSecretUsedDate": 0}]))
	contains(f.message, "never used")
}

test_key_missing_from_usage_rows_counts_as_never_used if {
	count(run(user([key], []))) == 1
}

test_recently_used_passes if {
	count(run(user([key], [{"SecretId": "AKIDuser1", "LastUsedDate": "2026-11-20"}]))) == 0
}

test_boundary_around_90_days if {
	# A bare date is midnight China time: 2026-08-30 is 89.3 days before now, 2026-08-29 90.3.
	count(run(user([key], [{"SecretId": "AKIDuser1", "LastUsedDate": "2026-08-30"}]))) == 0
	count(run(user([key], [{"SecretId": "AKIDuser1", "LastUsedDate": "2026-08-29"}]))) == 1
}

test_new_unused_key_passes if {
	count(run(user([{"AccessKeyId": "AKIDnew", "Status": "Active", "CreateTime": "2026-11-01 10:00:00"}], []))) == 0
}

test_inactive_key_passes if {
	count(run(user([{"AccessKeyId": "AKIDold", "Status": "Inactive", "CreateTime": "2020-01-01 00:00:00"}], []))) == 0
}

test_unread_usage_not_failed if {
	count(run({"type": "cam.user", "id": "1", "name": "x", "data": {}, "related": {"access_keys": [key]}})) == 0
}

test_root_account_is_judged if {
	some f in rule.deny with input as {"now": now, "params": params, "resources": {"cam.account": [{"type": "cam.account", "id": "100012345678", "name": "", "data": {}, "related": {"access_keys": [key], "key_last_used": []}}]}}
	f.resource_type == "cam.account"
}
