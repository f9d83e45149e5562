# METADATA
# title: Kubernetes cluster's worker nodes all in one availability zone
# description: >-
#   When every worker node of a TKE cluster runs in one availability zone, a zone outage
#   stops every workload of the cluster at once.
# scope: package
# custom:
#   id: TSA-TKE-101
#   pillar: reliability
#   severity: medium
#   resource_types: [tke.cluster]
#   joins: [cvm.instance]
#   reads: [related.instances]
#   remediation: >-
#     Add node pools (or nodes) in a second and third zone, and spread workloads with topology
#     spread constraints or pod anti-affinity.
#   tam_recommendation: >-
#     Give every production cluster node pools in at least two zones and set topology spread
#     constraints on critical deployments.
#   references:
#     - https://cloud.tencent.com/document/api/457/31862
#     - https://www.tencentcloud.com/document/api/457/31862
#     - https://cloud.tencent.com/document/product/457/39808
#   params:
#     min_nodes: 2
#   catalogue: REL-25
#   i18n:
#     zh-CN:
#       title: Kubernetes 集群的工作节点全部位于同一可用区
#       description: >-
#         TKE 集群的所有工作节点都运行在同一个可用区时，一次可用区故障会让集群内的所有工作负载同时中断。
#       remediation: >-
#         在第二、第三个可用区添加节点池（或节点），并使用拓扑分布约束或 Pod 反亲和性分散工作负载。
#       tam_recommendation: >-
#         每个生产集群至少在两个可用区配置节点池，并为关键 Deployment 设置拓扑分布约束。
package tsa.rules.tke.nodes_single_az

import data.tsa.lib.fields

params := input.params["TSA-TKE-101"]

cvms := object.get(input.resources, "cvm.instance", [])

zone_of(i) := i.zone if i.zone != ""

else := fields.str(object.get(i.data, "Placement", {}), "Zone")

# zones maps a CVM instance id to its zones (grouped, so a duplicate never conflicts).
zones := {id: zs |
	some i in cvms
	id := i.id
	zs := {z | some x in cvms; x.id == id; z := zone_of(x); z != ""}
}

# Worker nodes whose CVM instance is not in the inventory have no known zone and are left out.
worker_zones(c) := {n.InstanceId: zones[n.InstanceId] |
	some n in c.related.instances
	fields.str(n, "InstanceRole") == "WORKER"
	count(zones[n.InstanceId]) > 0
}

deny contains finding if {
	some c in input.resources["tke.cluster"]
	nodes := worker_zones(c)
	count(nodes) >= params.min_nodes
	all_zones := {z | some zs in nodes; some z in zs}
	count(all_zones) == 1
	finding := {
		"resource": c.id,
		"resource_type": "tke.cluster",
		"message": sprintf("cluster %s (%s): all %d worker nodes run in zone %s", [c.id, c.name, count(nodes), concat("", all_zones)]),
		"evidence": {"zones": all_zones, "worker_nodes": count(nodes)},
	}
}

unknown contains {"resource": c.id, "resource_type": "tke.cluster", "reason": "the cluster's nodes were not read (related.instances)"} if {
	some c in object.get(input.resources, "tke.cluster", [])
	not is_array(object.get(c, ["related", "instances"], null))
}

unknown contains {"resource": c.id, "resource_type": "tke.cluster", "reason": sprintf("worker node %s has no zone in the inventory (its CVM instance was not found)", [concat(", ", missing)])} if {
	some c in object.get(input.resources, "tke.cluster", [])
	missing := [id |
		some n in c.related.instances
		fields.str(n, "InstanceRole") == "WORKER"
		id := fields.str(n, "InstanceId")
		count(object.get(zones, id, set())) == 0
	]
	count(missing) > 0
}
