# METADATA
# title: MongoDB replica set in a single availability zone
# description: >-
#   When every member of a replica set runs in one availability zone, a zone outage leaves no
#   secondary to elect and the database goes down.
# scope: package
# custom:
#   id: TSA-MONGODB-103
#   pillar: reliability
#   severity: medium
#   resource_types: [mongodb.instance]
#   remediation: >-
#     Create a multi-AZ instance (members in three zones) and migrate to it with DTS, or change
#     the node zones where the console allows it.
#   tam_recommendation: >-
#     Run production replica sets across three zones so losing one zone keeps a majority for
#     elections.
#   references: []
#   params: {}
#   catalogue: REL-16
package tsa.rules.mongodb.single_az

import data.tsa.lib.fields

# zones: ZoneList names every zone with members; older responses without it have only Zone.
zones(i) := {z |
	some z in array.concat(fields.list(i.data, "ZoneList"), [fields.str(i.data, "Zone")])
	is_string(z)
	z != ""
}

deny contains finding if {
	some i in input.resources["mongodb.instance"]
	zs := zones(i)
	count(zs) == 1
	finding := {
		"resource": i.id,
		"message": sprintf("MongoDB instance %s (%s) runs all members in zone %s", [i.id, i.name, concat("", zs)]),
		"evidence": {"zones": zs, "SecondaryNum": object.get(i.data, "SecondaryNum", null)},
	}
}
