# METADATA
# title: Sub-user with unrestricted access to every COS bucket
# description: >-
#   A sub-user has a policy granting every COS action on every bucket (the preset
#   QcloudCOSFullAccess, or another policy named in the parameters), so it can read, overwrite
#   and delete any object in the account.
# scope: package
# custom:
#   id: TSA-CAM-008
#   pillar: security
#   severity: medium
#   resource_types: [cam.user]
#   remediation: >-
#     Replace the policy with a custom policy limited to the buckets (and prefixes) and
#     actions the user needs, e.g. name/cos:GetObject on qcs::cos:<region>:uid/<appid>:<bucket>/*.
#   tam_recommendation: >-
#     Scope COS permissions to specific buckets and prefixes per application; a key with
#     cos:* on * turns one leak into a loss of all stored data.
#   references:
#     - https://www.tencentcloud.com/document/product/598/50254
#   params:
#     full_access_policies: [QcloudCOSFullAccess]
#   catalogue: SEC-13
package tsa.rules.cam.user_cos_full_access

import data.tsa.lib.cam
import data.tsa.lib.num

params := input.params["TSA-CAM-008"]

deny contains finding if {
	some user in input.resources["cam.user"]
	names := [p.PolicyName |
		some p in user.related.policies
		p.PolicyName in params.full_access_policies
		not num.of(object.get(p, "Deactived", 0)) == 1
	]
	count(names) > 0
	finding := {
		"resource": user.id,
		"message": sprintf("%s has full access to every COS bucket through %s", [cam.who(user), concat(", ", names)]),
		"evidence": {"PolicyName": names},
	}
}
