# METADATA
# title: No CloudAudit tracking set is logging
# description: >-
#   The account has no CloudAudit tracking set (trail) delivering logs, or a tracking set has
#   logging turned off, so API and console operations are not kept beyond the short default
#   history and an incident cannot be investigated.
# scope: package
# custom:
#   id: TSA-AUDIT-001
#   pillar: security
#   severity: high
#   resource_types: [cloudaudit.trail, cam.account]
#   remediation: >-
#     Create a CloudAudit tracking set for all regions and operations that delivers to a COS
#     bucket (or CLS), and keep it on.
#   tam_recommendation: >-
#     Keep one organisation-wide tracking set delivering to a locked-down bucket with a
#     retention that meets your audit requirements.
#   references: []
#   params: {}
#   catalogue: SEC-25
package tsa.rules.cloudaudit.no_trail

import data.tsa.lib.num

trails := object.get(input.resources, "cloudaudit.trail", [])

logging(t) if num.of(object.get(t.data, "AuditStatus", 0)) == 1

deny contains finding if {
	some t in trails
	not logging(t)
	finding := {
		"resource": t.id,
		"resource_type": "cloudaudit.trail",
		"message": sprintf("CloudAudit tracking set %s has logging turned off", [t.id]),
		"evidence": {"AuditStatus": object.get(t.data, "AuditStatus", null), "CosBucketName": object.get(t.data, "CosBucketName", null)},
	}
}

# The account itself fails when nothing logs; it is the cam.account resource, which every
# scanned account has.
deny contains finding if {
	some acct in input.resources["cam.account"]
	not any_logging
	finding := {
		"resource": acct.id,
		"resource_type": "cam.account",
		"message": sprintf("account %s has no CloudAudit tracking set logging (%d tracking set(s), none on)", [acct.id, count(trails)]),
		"evidence": {"trails": count(trails), "logging": 0},
	}
}

any_logging if {
	some t in trails
	logging(t)
}
