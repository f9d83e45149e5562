# METADATA
# title: Console sub-user without MFA login protection
# description: >-
#   A sub-user that can log in to the console has no MFA factor (hardware token, virtual MFA,
#   U2F key or passkey) in its login protection, so its password alone opens the console.
# scope: package
# custom:
#   id: TSA-CAM-003
#   pillar: security
#   severity: medium
#   resource_types: [cam.user]
#   remediation: >-
#     Turn on login protection with MFA for the sub-user (CAM console > Users > the user >
#     Security > Login protection), or remove console access if it only uses API keys.
#   tam_recommendation: >-
#     Require MFA for every console user through login protection, and give API-only programs
#     users without console access.
#   references: []
#   params:
#     mfa_methods: [Token, Stoken, U2FToken, Passkey]
#   catalogue: SEC-06
package tsa.rules.cam.user_mfa

import data.tsa.lib.cam
import data.tsa.lib.num

params := input.params["TSA-CAM-003"]

deny contains finding if {
	some user in input.resources["cam.user"]
	num.of(object.get(user.data, "ConsoleLogin", 0)) == 1
	login := object.get(user.related.safe_auth, "LoginFlag", null)
	count(cam.enabled(login, params.mfa_methods)) == 0
	finding := {
		"resource": user.id,
		"message": sprintf("%s can log in to the console without MFA (none of %s is on)", [cam.who(user), concat(", ", params.mfa_methods)]),
		"evidence": {"ConsoleLogin": user.data.ConsoleLogin, "LoginFlag": login},
	}
}
