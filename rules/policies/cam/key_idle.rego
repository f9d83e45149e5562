# METADATA
# title: Idle access key
# description: >-
#   An active access key has not been used for 90 days (or was never used and is older than
#   that). An unused key is pure risk: nothing breaks when it is disabled, but anyone who
#   finds it can use it.
# scope: package
# custom:
#   id: TSA-CAM-006
#   pillar: security
#   severity: medium
#   resource_types: [cam.account, cam.user]
#   remediation: >-
#     Disable the idle key, wait for a business cycle to confirm nothing needed it, then
#     delete it.
#   tam_recommendation: >-
#     Review key usage monthly and disable keys idle for 90 days; a disabled key can be
#     re-enabled, a leaked one cannot be recalled.
#   references: []
#   params:
#     idle_days: 90
#   catalogue: SEC-09
package tsa.rules.cam.key_idle

import data.tsa.lib.cam
import data.tsa.lib.dates

params := input.params["TSA-CAM-006"]

# last_used is the LastUsedDate CAM reports for a key, or null when it reports none.
last_used(r, id) := d if {
	some row in r.related.key_last_used
	row.SecretId == id
	d := row.LastUsedDate
	dates.readable(d)
} else := null

# idle_days is how long a key has been unused: since its last use, else since its creation.
idle_days(k, used) := dates.age_days(used) if used != null

else := dates.age_days(k.CreateTime)

idle_keys(r) := [{"AccessKeyId": k.AccessKeyId, "CreateTime": object.get(k, "CreateTime", null), "LastUsedDate": used, "idle_days": floor(idle)} |
	some k in cam.active_keys(r)
	used := last_used(r, k.AccessKeyId)
	idle := idle_days(k, used)
	idle > params.idle_days
]

deny contains finding if {
	some r in cam.principals
	is_array(r.related.key_last_used)
	keys := idle_keys(r)
	count(keys) > 0
	finding := {
		"resource": r.id,
		"resource_type": r.type,
		"message": sprintf("%s has %d active access key(s) unused for more than %d days: %s", [cam.who(r), count(keys), params.idle_days, concat(", ", [describe(k) | some k in keys])]),
		"evidence": {"AccessKeys": keys},
	}
}

describe(k) := sprintf("%s (never used)", [k.AccessKeyId]) if k.LastUsedDate == null

else := sprintf("%s (last used %s)", [k.AccessKeyId, k.LastUsedDate])
