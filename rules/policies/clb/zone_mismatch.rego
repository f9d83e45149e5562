# METADATA
# title: Load balancer without a backup zone, or backends outside its zones
# description: >-
#   An internet-facing load balancer with no backup zone goes down with its master zone; one
#   whose backends all run outside its zones sends every request across zones.
# scope: package
# custom:
#   id: TSA-CLB-104
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   reads: [data.MasterZone, data.BackupZoneSet, data.LoadBalancerType, related.targets]
#   remediation: >-
#     Create internet-facing load balancers with a master and a backup zone, and place backends
#     in the load balancer's zones.
#   tam_recommendation: >-
#     Use primary/backup-zone load balancers for public entry points and keep backends in the
#     same zones, so a zone failure fails over cleanly.
#   references:
#     - https://cloud.tencent.com/document/product/214/517
#     - https://cloud.tencent.com/document/api/214/30685
#     - https://www.tencentcloud.com/document/api/214/30685
#   params:
#     require_backup_zone: true
#   catalogue: REL-20
#   i18n:
#     zh-CN:
#       title: 负载均衡没有备可用区，或后端全部位于其可用区之外
#       description: >-
#         没有备可用区的公网负载均衡会随主可用区一起中断；后端全部运行在负载均衡所在可用区之外时，每个请求都要跨可用区转发。
#       remediation: >-
#         公网负载均衡应选择主备可用区创建，并将后端部署在负载均衡所在的可用区内。
#       tam_recommendation: >-
#         公网入口使用主备可用区的负载均衡，后端与其部署在相同可用区，使可用区故障时能够干净地切换。
package tsa.rules.clb.zone_mismatch

import data.tsa.lib.clb
import data.tsa.lib.fields

params := input.params["TSA-CLB-104"]

master_zone(lb) := z if {
	z := fields.str(object.get(lb.data, "MasterZone", {}), "Zone")
	z != ""
}

lb_zones(lb) := {master_zone(lb)} | {z |
	some b in fields.list(lb.data, "BackupZoneSet")
	z := fields.str(b, "Zone")
	z != ""
}

backend_zones(lb) := {z |
	some s in clb.target_sets(lb)
	some t in s.targets
	z := fields.str(t, "Zone")
	z != ""
}

problems(lb) := {p |
	params.require_backup_zone
	clb.public(lb)
	count(fields.list(lb.data, "BackupZoneSet")) == 0
	p := sprintf("no backup zone besides master zone %s", [master_zone(lb)])
} | {p |
	bz := backend_zones(lb)
	count(bz) > 0
	count(bz & lb_zones(lb)) == 0
	p := sprintf("all backends run in %s, outside the load balancer's zones %s", [concat(", ", sort(bz)), concat(", ", sort(lb_zones(lb)))])
}

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	master_zone(lb)
	ps := problems(lb)
	count(ps) > 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): %s", [lb.id, lb.name, concat("; ", sort(ps))]),
		"evidence": {"MasterZone": master_zone(lb), "load_balancer_zones": lb_zones(lb), "backend_zones": backend_zones(lb)},
	}
}

unknown contains {"resource": lb.id, "reason": "MasterZone.Zone is absent or null"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	not master_zone(lb)
}

unknown contains {"resource": lb.id, "reason": "the load balancer is public and BackupZoneSet is absent or null"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	params.require_backup_zone
	clb.public(lb)
	not is_array(object.get(lb.data, "BackupZoneSet", null))
}

unknown contains {"resource": lb.id, "reason": "the load balancer has no backup zone and its LoadBalancerType is absent or null, so tsa cannot tell whether it is public"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	params.require_backup_zone
	not is_string(object.get(lb.data, "LoadBalancerType", null))
	count(fields.list(lb.data, "BackupZoneSet")) == 0
}
