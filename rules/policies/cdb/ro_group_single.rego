# METADATA
# title: MySQL read-only group with a single instance
# description: >-
#   A read-only group with one instance has no redundancy: when that instance fails or is
#   removed for lag, every read sent to the group's address fails.
# scope: package
# custom:
#   id: TSA-CDB-103
#   pillar: reliability
#   severity: medium
#   resource_types: [cdb.instance]
#   remediation: >-
#     Add a second read-only instance to the group (ideally in another zone), and set the
#     group's minimum retained instances.
#   tam_recommendation: >-
#     Keep at least two read-only instances per group serving production reads so removing a
#     lagging replica never empties the group.
#   references: []
#   params:
#     min_instances: 2
#   catalogue: REL-10
package tsa.rules.cdb.ro_group_single

import data.tsa.lib.fields

params := input.params["TSA-CDB-103"]

small_groups(i) := [{"RoGroupId": fields.str(g, "RoGroupId"), "instances": n} |
	some g in i.related.ro_groups
	n := count(fields.list(g, "RoInstances"))
	n > 0
	n < params.min_instances
]

deny contains finding if {
	some i in input.resources["cdb.instance"]
	groups := small_groups(i)
	count(groups) > 0
	finding := {
		"resource": i.id,
		"message": sprintf("MySQL instance %s (%s): read-only group %s has fewer than %d instances", [i.id, i.name, concat(", ", [g.RoGroupId | some g in groups]), params.min_instances]),
		"evidence": {"ro_groups": groups},
	}
}
