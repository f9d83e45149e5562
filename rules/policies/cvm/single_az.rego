# METADATA
# title: Instances of a region or application all in one availability zone
# description: >-
#   When every instance of a region (or of one application, by tag) runs in a single
#   availability zone, one zone outage takes the whole service down.
# scope: package
# custom:
#   id: TSA-CVM-101
#   pillar: reliability
#   severity: high
#   resource_types: [cvm.instance]
#   remediation: >-
#     Run the instances of each service in at least two availability zones of the region,
#     behind a load balancer.
#   tam_recommendation: >-
#     Spread each tier across two or more zones and rehearse a zone failover before the next
#     big event.
#   references:
#     - https://www.tencentcloud.com/document/product/213/6091
#   params:
#     min_instances: 2
#     group_tag: app
#   catalogue: REL-03
package tsa.rules.cvm.single_az

params := input.params["TSA-CVM-101"]

instances := [i | some i in input.resources["cvm.instance"]; i.zone != ""]

# Groups are built once as complete rules (comprehensions OPA indexes by key), so the rule stays
# linear in the number of instances.
region_zones := {r: zones |
	some i in instances
	r := i.region
	zones := {j.zone | some j in instances; j.region == r}
}

region_size := {r: n |
	some i in instances
	r := i.region
	n := count([j | some j in instances; j.region == r])
}

app_zones := {key: zones |
	some i in instances
	key := [i.region, i.tags[params.group_tag]]
	zones := {j.zone | some j in instances; [j.region, j.tags[params.group_tag]] == key}
}

app_size := {key: n |
	some i in instances
	key := [i.region, i.tags[params.group_tag]]
	n := count([j | some j in instances; [j.region, j.tags[params.group_tag]] == key])
}

single_az_region(region) if {
	count(region_zones[region]) == 1
	region_size[region] >= params.min_instances
}

deny contains finding if {
	some i in instances
	single_az_region(i.region)
	n := region_size[i.region]
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s): all %d instances in %s run in the single zone %s", [i.id, i.name, n, i.region, i.zone]),
		"evidence": {"zone": i.zone, "region": i.region, "instances_in_region": n},
	}
}

# Within a multi-zone region, an application (by tag) may still sit in one zone.
deny contains finding if {
	some i in instances
	not single_az_region(i.region)
	app := i.tags[params.group_tag]
	key := [i.region, app]
	n := app_size[key]
	n >= params.min_instances
	count(app_zones[key]) == 1
	finding := {
		"resource": i.id,
		"severity": "medium",
		"message": sprintf("instance %s (%s): all %d instances of %s=%s in %s run in the single zone %s", [i.id, i.name, n, params.group_tag, app, i.region, i.zone]),
		"evidence": {"zone": i.zone, "region": i.region, "group": sprintf("%s=%s", [params.group_tag, app]), "instances_in_group": n},
	}
}
