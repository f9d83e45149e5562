# METADATA
# title: Instances of a multi-instance service outside any spread placement group
# description: >-
#   Instances of one service (same application tag in a region) that are in no spread placement
#   group may land on the same physical host or rack, so one hardware failure takes several down.
# scope: package
# custom:
#   id: TSA-CVM-102
#   pillar: reliability
#   severity: medium
#   resource_types: [cvm.instance]
#   remediation: >-
#     Create a spread placement group (CVM console > Placement groups) and launch or migrate the
#     service's instances into it.
#   tam_recommendation: >-
#     Put every horizontally scaled tier in a host- or rack-level spread placement group so a
#     single hardware fault cannot take out more than one replica.
#   references:
#     - https://www.tencentcloud.com/document/product/213/15486
#   params:
#     group_tag: app
#     min_instances: 2
#   catalogue: REL-04
package tsa.rules.cvm.no_placement_group

import data.tsa.lib.fields

params := input.params["TSA-CVM-102"]

instances := object.get(input.resources, "cvm.instance", [])

in_placement_group(i) if fields.str(i.data, "DisasterRecoverGroupId") != ""

in_placement_group(i) if count(fields.list(i.data, "DisasterRecoverGroupIds")) > 0

# service is the region and application tag value that group instances into one service.
service(i) := [i.region, v] if {
	v := i.tags[params.group_tag]
	v != ""
}

# members lists the instance ids of each service (grouped once, linear).
members := {k: ids |
	some i in instances
	k := service(i)
	ids := [j.id | some j in instances; service(j) == k]
}

deny contains finding if {
	some i in instances
	not in_placement_group(i)
	s := service(i)
	n := count(members[s])
	n >= params.min_instances
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s) of %s=%s (%d instances in %s) is in no spread placement group", [i.id, i.name, params.group_tag, s[1], n, i.region]),
		"evidence": {"DisasterRecoverGroupId": fields.str(i.data, "DisasterRecoverGroupId"), "group": sprintf("%s=%s", [params.group_tag, s[1]]), "instances_in_group": n},
	}
}
