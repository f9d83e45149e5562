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
	contains(f.message, "AKIDuser1 (idle 210 days)")
	f.evidence.AccessKeys[0].LastUsedDate == "2026-05-01"
}

test_never_used_old_key_fails if {
	some f in run(user([key], [{"SecretId": "AKIDuser1", "LastUsedDate": null, "LastSecretUsedDate": 0}]))
	contains(f.message, "never used")
}

unknown(r) := u if {
	u := rule.unknown with input as {"now": now, "params": params, "resources": {"cam.user": [r]}}
}

test_key_missing_from_usage_rows_unknown if {
	count(run(user([key], []))) == 0
	some u in unknown(user([key], []))
	contains(u.reason, "AKIDuser1")
}

# The old rule ignored LastSecretUsedDate: a key CAM saw in use yesterday was called idle.
test_recent_last_secret_used_date_passes if {
	# 1795536000 is 2026-11-26T00:00:00Z.
	rows := [{"SecretId": "AKIDuser1", "LastUsedDate": "2026-05-01", "LastSecretUsedDate": 1795536000}]
	count(run(user([key], rows))) == 0
	count(unknown(user([key], rows))) == 0
	count(run(user([key], [{"SecretId": "AKIDuser1", "LastUsedDate": null, "LastSecretUsedDate": 1795536000}]))) == 0
}

test_old_last_secret_used_date_fails if {
	# 1777593600 is 2026-05-01T00:00:00Z.
	some f in run(user([key], [{"SecretId": "AKIDuser1", "LastSecretUsedDate": 1777593600}]))
	f.evidence.AccessKeys[0].never_used == false
}

test_unreadable_creation_of_unused_key_unknown if {
	k := {"AccessKeyId": "AKIDx", "Status": "Active", "CreateTime": null}
	count(run(user([k], [{"SecretId": "AKIDx", "LastUsedDate": null, "LastSecretUsedDate": 0}]))) == 0
	count(unknown(user([k], [{"SecretId": "AKIDx", "LastUsedDate": null, "LastSecretUsedDate": 0}]))) == 1
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
	count(run(user([{"AccessKeyId": "AKIDnew", "Status": "Active", "CreateTime": "2026-11-01 10:00:00"}], [{"SecretId": "AKIDnew"}]))) == 0
}

test_inactive_key_passes if {
	count(run(user([{"AccessKeyId": "AKIDold", "Status": "Inactive", "CreateTime": "2020-01-01 00:00:00"}], []))) == 0
}

test_unread_usage_unknown if {
	u := {"type": "cam.user", "id": "1", "name": "x", "data": {}, "related": {"access_keys": [key]}}
	count(run(u)) == 0
	count(unknown(u)) == 1
	count(unknown({"type": "cam.user", "id": "1", "name": "x", "data": {}, "related": {"access_keys": null, "key_last_used": []}})) == 1
}

test_root_account_is_judged if {
	some f in rule.deny with input as {"now": now, "params": params, "resources": {"cam.account": [{"type": "cam.account", "id": "100012345678", "name": "", "data": {}, "related": {"access_keys": [key], "key_last_used": [{"SecretId": "AKIDuser1"}]}}]}}
	f.resource_type == "cam.account"
}
