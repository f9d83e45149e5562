# METADATA
# title: Access key not rotated
# description: >-
#   An active access key of the root account or a sub-user is older than the rotation period
#   (90 days), or older than two years. The longer a key lives, the more places it has been
#   copied to and the larger the damage of a leak.
# scope: package
# custom:
#   id: TSA-CAM-005
#   pillar: security
#   severity: high
#   resource_types: [cam.account, cam.user]
#   remediation: >-
#     Create a second key, move the programs using the old one to it, then disable and delete
#     the old key; store keys in a secrets manager rather than in code.
#   tam_recommendation: >-
#     Rotate access keys at least every 90 days with an automated rotation job, and prefer
#     CAM roles with temporary credentials for workloads on Tencent Cloud.
#   references: []
#   params:
#     max_age_days: 90
#     high_age_days: 730
#   catalogue: SEC-08
package tsa.rules.cam.key_not_rotated

import data.tsa.lib.cam
import data.tsa.lib.dates

params := input.params["TSA-CAM-005"]

old_keys(r) := [{"AccessKeyId": k.AccessKeyId, "CreateTime": k.CreateTime, "age_days": floor(age)} |
	some k in cam.active_keys(r)
	age := dates.age_days(k.CreateTime)
	age > params.max_age_days
]

deny contains finding if {
	some r in cam.principals
	keys := old_keys(r)
	count(keys) > 0
	oldest := max([k.age_days | some k in keys])
	finding := {
		"resource": r.id,
		"resource_type": r.type,
		"severity": severity(oldest),
		"message": sprintf("%s has %d active access key(s) older than %d days, the oldest %d days (%s)", [cam.who(r), count(keys), params.max_age_days, oldest, concat(", ", [k.AccessKeyId | some k in keys])]),
		"evidence": {"AccessKeys": keys},
	}
}

severity(age) := "high" if age > params.high_age_days

else := "medium"
