# METADATA
# title: Idle access key
# description: >-
#   An active access key has not been used for 90 days (or was never used and is older than
#   that), by the later of CAM's two last-use dates (LastUsedDate and LastSecretUsedDate). An unused key is pure risk: nothing breaks when it is disabled, but anyone who
#   finds it can use it.
# scope: package
# custom:
#   id: TSA-CAM-006
#   pillar: security
#   severity: medium
#   resource_types: [cam.account, cam.user]
#   reads: [related.access_keys, related.key_last_used]
#   remediation: >-
#     Disable the idle key, wait for a business cycle to confirm nothing needed it, then
#     delete it.
#   tam_recommendation: >-
#     Review key usage monthly and disable keys idle for 90 days; a disabled key can be
#     re-enabled, a leaked one cannot be recalled.
#   references:
#     - https://www.tencentcloud.com/document/product/598/34228
#     - https://www.tencentcloud.com/document/product/598/10592
#   params:
#     idle_days: 90
#   catalogue: SEC-09
#   i18n:
#     zh-CN:
#       title: 访问密钥长期闲置
#       description: >-
#         启用状态的访问密钥已有 90 天未被使用（或从未使用且创建已超过 90 天），以 CAM 返回的两个最近使用日期
#         （LastUsedDate 与 LastSecretUsedDate）中较晚的一个为准。闲置密钥只有风险没有用处：禁用它不会影响业务，
#         而任何拿到它的人都能使用。
#       remediation: >-
#         先禁用闲置密钥，观察一个业务周期确认没有程序依赖它，再将其删除。
#       tam_recommendation: >-
#         每月复核密钥使用情况，禁用闲置 90 天的密钥；禁用的密钥可以重新启用，泄露的密钥却无法收回。
package tsa.rules.cam.key_idle

import data.tsa.lib.cam
import data.tsa.lib.dates
import data.tsa.lib.time

params := input.params["TSA-CAM-006"]

# row is CAM's usage row for a key (GetSecurityLastUsed answers one per SecretId asked).
row(r, id) := x if {
	some x in r.related.key_last_used
	is_object(x)
	x.SecretId == id
}

# idle_since_use is the days since the latest use the row reports: LastUsedDate (a date, null
# when never used) or LastSecretUsedDate (Unix seconds, 0 or null when never used).
idle_since_use(x) := min(ages) if {
	ages := array.concat(
		[d | s := object.get(x, "LastUsedDate", null); dates.readable(s); d := dates.age_days(s)],
		[d | t := object.get(x, "LastSecretUsedDate", null); is_number(t); t > 0; d := (time.now_ns - (t * 1e9)) / time.day_ns],
	)
	count(ages) > 0
}

# idle_days is how long a key has been unused: since its latest use, else since its creation;
# undefined when neither can be read.
idle_days(k, x) := d if {
	d := idle_since_use(x)
} else := dates.age_days(k.CreateTime) if dates.readable(object.get(k, "CreateTime", null))

last_used(x) := object.get(x, "LastUsedDate", null) if dates.readable(object.get(x, "LastUsedDate", null))

else := null

idle_keys(r) := [{"AccessKeyId": k.AccessKeyId, "CreateTime": object.get(k, "CreateTime", null), "LastUsedDate": last_used(x), "LastSecretUsedDate": object.get(x, "LastSecretUsedDate", null), "idle_days": floor(idle), "never_used": not_used(x)} |
	some k in cam.active_keys(r)
	x := row(r, k.AccessKeyId)
	idle := idle_days(k, x)
	idle > params.idle_days
]

not_used(x) := false if idle_since_use(x)

else := true

# unjudged are the active keys whose idle time cannot be told: no usage row, or neither a last
# use nor a readable creation time.
unjudged(r) := [k.AccessKeyId |
	some k in cam.active_keys(r)
	not judged(r, k)
]

judged(r, k) if idle_days(k, row(r, k.AccessKeyId))

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

describe(k) := sprintf("%s (never used)", [k.AccessKeyId]) if k.never_used

else := sprintf("%s (idle %d days)", [k.AccessKeyId, k.idle_days])

unknown contains {"resource": r.id, "resource_type": r.type, "reason": "its access keys or their last use (cam:ListAccessKeys, cam:GetSecurityLastUsed) were not read"} if {
	some r in cam.principals
	not both_read(r)
}

both_read(r) if {
	is_array(object.get(r, ["related", "access_keys"], null))
	is_array(object.get(r, ["related", "key_last_used"], null))
}

unknown contains {"resource": r.id, "resource_type": r.type, "reason": sprintf("the last use of key(s) %s cannot be told", [concat(", ", ks)])} if {
	some r in cam.principals
	both_read(r)
	ks := unjudged(r)
	count(ks) > 0
}
