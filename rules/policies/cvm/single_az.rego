# METADATA
# title: Instances of a region or application all in one availability zone
# description: >-
#   When every instance of a region (or of one application, by tag) runs in a single
#   availability zone, one zone outage takes the whole service down. In a region whose instances
#   span several zones, an instance without the application tag cannot be grouped with its
#   application: it is reported unknown (tag it, or set group_tag to the tag you use).
# scope: package
# custom:
#   id: TSA-CVM-101
#   pillar: reliability
#   severity: high
#   resource_types: [cvm.instance]
#   reads: [data.Placement.Zone]
#   remediation: >-
#     Run the instances of each service in at least two availability zones of the region,
#     behind a load balancer.
#   tam_recommendation: >-
#     Spread each tier across two or more zones and rehearse a zone failover before the next
#     big event.
#   references:
#     - https://www.tencentcloud.com/document/product/213/6091
#     - https://cloud.tencent.com/document/product/213/6091
#   params:
#     min_instances: 2
#     group_tag: app
#   catalogue: REL-03
#   i18n:
#     zh-CN:
#       title: 地域或应用的实例全部位于同一可用区
#       description: >-
#         当一个地域（或按标签区分的某个应用）的所有实例都运行在同一个可用区时，一次可用区故障就会使整个服务中断。
#         在实例分布于多个可用区的地域中，没有应用标签的实例无法与其所属应用归为一组，结果为未知（请为其打上标签，
#         或将 group_tag 设置为您实际使用的标签）。
#       remediation: >-
#         将每个服务的实例部署在同一地域的至少两个可用区，并通过负载均衡对外提供服务。
#       tam_recommendation: >-
#         将每一层服务分布到两个及以上可用区，并在下一次重大活动前演练一次可用区故障切换。
package tsa.rules.cvm.single_az

params := input.params["TSA-CVM-101"]

all := object.get(input.resources, "cvm.instance", [])

instances := [i | some i in all; zoned(i)]

zoned(i) if {
	is_string(i.zone)
	i.zone != ""
}

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

unknown contains {"resource": i.id, "reason": "the instance's zone is absent (Placement.Zone)"} if {
	some i in all
	not zoned(i)
}

unknown contains {"resource": i.id, "reason": sprintf("the instances of %s span several zones and this one has no %s tag, so tsa cannot tell which application it belongs to", [i.region, params.group_tag])} if {
	some i in instances
	not single_az_region(i.region)
	not tagged(i)
}

tagged(i) if {
	is_string(i.tags[params.group_tag])
	i.tags[params.group_tag] != ""
}
