# METADATA
# title: Root account not bound to an MFA device
# description: >-
#   The owner account's login protection has no MFA factor (hardware token, virtual MFA,
#   U2F key or passkey) turned on, so a leaked password alone opens the whole account.
# scope: package
# custom:
#   id: TSA-CAM-002
#   pillar: security
#   severity: high
#   resource_types: [cam.account]
#   remediation: >-
#     Bind a virtual MFA device (or a U2F key) to the root account and turn on MFA for login
#     in Account Center > Security settings.
#   tam_recommendation: >-
#     Bind MFA to the root account today and keep the device with a named owner and a tested
#     recovery path.
#   references: []
#   params:
#     mfa_methods: [Token, Stoken, U2FToken, Passkey]
#   catalogue: SEC-05
package tsa.rules.cam.root_mfa

import data.tsa.lib.cam

params := input.params["TSA-CAM-002"]

deny contains finding if {
	some acct in input.resources["cam.account"]
	auth := acct.related.safe_auth
	login := object.get(auth, "LoginFlag", null)
	count(cam.enabled(login, params.mfa_methods)) == 0
	finding := {
		"resource": acct.id,
		"message": sprintf("%s has no MFA device bound for login (none of %s is on)", [cam.who(acct), concat(", ", params.mfa_methods)]),
		"evidence": {"LoginFlag": login},
	}
}
