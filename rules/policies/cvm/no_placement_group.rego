# METADATA
# title: Instances of a multi-instance service outside any spread placement group
# description: >-
#   Instances of one service (same application tag in a region) that are in no spread placement
#   group may land on the same physical host or rack, so one hardware failure takes several down.
#   An instance without the application tag cannot be grouped with its service's other
#   instances: it is reported unknown (tag it, or set group_tag to the tag you use).
# scope: package
# custom:
#   id: TSA-CVM-102
#   pillar: reliability
#   severity: medium
#   resource_types: [cvm.instance]
#   reads: [data.DisasterRecoverGroupIds]
#   remediation: >-
#     Create a spread placement group (CVM console > Placement groups) and launch or migrate the
#     service's instances into it.
#   tam_recommendation: >-
#     Put every horizontally scaled tier in a host- or rack-level spread placement group so a
#     single hardware fault cannot take out more than one replica.
#   references:
#     - https://www.tencentcloud.com/document/product/213/15486
#     - https://cloud.tencent.com/document/product/213/15486
#   params:
#     group_tag: app
#     min_instances: 2
#   catalogue: REL-04
#   i18n:
#     zh-CN:
#       title: 多实例服务的实例未加入分散置放群组
#       description: >-
#         同一服务（同一地域内应用标签相同）的实例未加入任何分散置放群组，可能被调度到同一台物理机或同一机架上，
#         一次硬件故障就会导致多台实例同时宕机。没有应用标签的实例无法与同一服务的其他实例归为一组，结果为未知
#         （请为其打上标签，或将 group_tag 设置为您实际使用的标签）。
#       remediation: >-
#         创建分散置放群组（云服务器控制台 > 置放群组），并在其中创建或迁入该服务的实例。
#       tam_recommendation: >-
#         为每个横向扩展的服务层配置物理机级或机架级的分散置放群组，确保单个硬件故障最多只影响一个副本。
package tsa.rules.cvm.no_placement_group

params := input.params["TSA-CVM-102"]

instances := object.get(input.resources, "cvm.instance", [])

groups(i) := g if {
	g := i.data.DisasterRecoverGroupIds
	is_array(g)
}

in_placement_group(i) if count(groups(i)) > 0

# service is the region and application tag value that group instances into one service.
service(i) := [i.region, v] if {
	v := i.tags[params.group_tag]
	v != ""
}

members := {k: ids |
	some i in instances
	k := service(i)
	ids := [j.id | some j in instances; service(j) == k]
}

deny contains finding if {
	some i in instances
	groups(i)
	not in_placement_group(i)
	s := service(i)
	n := count(members[s])
	n >= params.min_instances
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s) of %s=%s (%d instances in %s) is in no spread placement group", [i.id, i.name, params.group_tag, s[1], n, i.region]),
		"evidence": {"DisasterRecoverGroupIds": [], "group": sprintf("%s=%s", [params.group_tag, s[1]]), "instances_in_group": n},
	}
}

unknown contains {"resource": i.id, "reason": "DisasterRecoverGroupIds is absent or null"} if {
	some i in instances
	not groups(i)
}

unknown contains {"resource": i.id, "reason": sprintf("the instance has no %s tag, so tsa cannot tell which instances serve the same application", [params.group_tag])} if {
	some i in instances
	groups(i)
	not in_placement_group(i)
	not service(i)
}
