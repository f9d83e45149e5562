# METADATA
# title: Root account has active API keys
# description: >-
#   The owner (root) account holds an active access key. A root key can do anything in the
#   account, cannot be limited by policies, and a leak is a full compromise.
# scope: package
# custom:
#   id: TSA-CAM-001
#   pillar: security
#   severity: high
#   resource_types: [cam.account]
#   remediation: >-
#     Create a sub-user or role with only the permissions the program needs, move the program
#     to its key, then disable and delete the root account's keys (CAM console > Access keys).
#   tam_recommendation: >-
#     Keep the root account for billing and break-glass only: no API keys, MFA on, and every
#     workload on sub-users or roles with least-privilege policies.
#   references: []
#   params: {}
#   catalogue: SEC-04
package tsa.rules.cam.root_access_keys

import data.tsa.lib.cam

deny contains finding if {
	some acct in input.resources["cam.account"]
	keys := cam.active_keys(acct)
	count(keys) > 0
	finding := {
		"resource": acct.id,
		"message": sprintf("%s has %d active API key(s): %s", [cam.who(acct), count(keys), concat(", ", [k.AccessKeyId | some k in keys])]),
		"evidence": {"AccessKeys": [{
			"AccessKeyId": k.AccessKeyId,
			"Status": k.Status,
			"CreateTime": object.get(k, "CreateTime", null),
		} |
			some k in keys
		]},
	}
}
