# METADATA
# title: COS bucket access logging off or sent to a bucket outside the account
# description: >-
#   Without access logs there is no record of who read or changed objects; logs delivered to
#   another account's bucket, or to a bucket that no longer exists, are out of the owner's
#   control or lost.
# scope: package
# custom:
#   id: TSA-COS-102
#   pillar: reliability
#   severity: medium
#   resource_types: [cos.bucket]
#   remediation: >-
#     Enable logging (Logging management) with a target bucket in the same account, ideally a
#     dedicated log bucket with a lifecycle rule.
#   tam_recommendation: >-
#     Send access logs of every business bucket to one dedicated log bucket in the same account,
#     with retention set by lifecycle rules.
#   references:
#     - https://www.tencentcloud.com/document/product/436/17040
#   params:
#     require_logging: true
#   catalogue: REL-31
package tsa.rules.cos.logging_misconfigured

import data.tsa.lib.cos
import data.tsa.lib.fields

params := input.params["TSA-COS-102"]

buckets := object.get(input.resources, "cos.bucket", [])

# target reads GetBucketLogging as JSON (with or without the BucketLoggingStatus root): the
# target bucket name, or "" when logging is off.
target(b) := "" if b.related.logging == null

target(b) := fields.str(cos.body(b.related.logging, "BucketLoggingStatus").LoggingEnabled, "TargetBucket") if {
	b.related.logging != null
} else := "" if b.related.logging != null

# appid is the owner APPID a bucket name ends with ("logs-1250000000").
appid(name) := id if {
	parts := split(name, "-")
	id := parts[count(parts) - 1]
	regex.match(`^[0-9]+$`, id)
}

names := {b.id | some b in buckets}

log_targets := {t | some b in buckets; t := target(b); t != ""}

problems(b) := {p |
	params.require_logging
	target(b) == ""
	not b.id in log_targets
	p := "access logging is off"
} | {p |
	t := target(b)
	t != ""
	appid(t) != appid(b.id)
	p := sprintf("logs go to %s, owned by another account (APPID %s)", [t, appid(t)])
} | {p |
	t := target(b)
	t != ""
	appid(t) == appid(b.id)
	not t in names
	p := sprintf("logs go to %s, which does not exist", [t])
}

deny contains finding if {
	some b in buckets
	ps := problems(b)
	count(ps) > 0
	finding := {
		"resource": b.id,
		"message": sprintf("bucket %s: %s", [b.id, concat("; ", sort(ps))]),
		"evidence": {"LoggingEnabled.TargetBucket": target(b), "problems": ps},
	}
}
