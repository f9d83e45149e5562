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
#   remediation: >-
#     Add node pools (or nodes) in a second and third zone, and spread workloads with topology
#     spread constraints or pod anti-affinity.
#   tam_recommendation: >-
#     Give every production cluster node pools in at least two zones and set topology spread
#     constraints on critical deployments.
#   references: []
#   params:
#     min_nodes: 2
#   catalogue: REL-25
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
