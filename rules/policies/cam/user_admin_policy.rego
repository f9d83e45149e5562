# METADATA
# title: Sub-user with super-administrator permissions
# description: >-
#   A sub-user has a super-administrator policy (AdministratorAccess, or another policy named
#   in the parameters) attached, directly or through a user group, so one leaked password or
#   key controls the whole account, CAM included.
# scope: package
# custom:
#   id: TSA-CAM-007
#   pillar: security
#   severity: medium
#   resource_types: [cam.user]
#   remediation: >-
#     Replace the administrator policy with the product policies the user needs (preset
#     Qcloud<Product>FullAccess or ReadOnlyAccess, or a custom policy), and keep at most a
#     few break-glass administrators with MFA.
#   tam_recommendation: >-
#     Grant least privilege by job role through user groups, and review who holds
#     AdministratorAccess every quarter.
#   references:
#     - https://www.tencentcloud.com/document/product/598/50254
#   params:
#     admin_policies: [AdministratorAccess]
#   catalogue: SEC-10
package tsa.rules.cam.user_admin_policy

import data.tsa.lib.cam
import data.tsa.lib.num

params := input.params["TSA-CAM-007"]

admin_policies(user) := [{"PolicyId": object.get(p, "PolicyId", null), "PolicyName": p.PolicyName, "via": via(p)} |
	some p in user.related.policies
	p.PolicyName in params.admin_policies
	not num.of(object.get(p, "Deactived", 0)) == 1
]

# via says how the policy reaches the user: directly, or through the named groups.
via(p) := sprintf("group %s", [concat(", ", [g.GroupName | some g in p.Groups])]) if count(object.get(p, "Groups", [])) > 0

else := "direct"

deny contains finding if {
	some user in input.resources["cam.user"]
	ps := admin_policies(user)
	count(ps) > 0
	finding := {
		"resource": user.id,
		"message": sprintf("%s has %s", [cam.who(user), concat("; ", [sprintf("%s (%s)", [p.PolicyName, p.via]) | some p in ps])]),
		"evidence": {"policies": ps},
	}
}
