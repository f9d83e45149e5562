# METADATA
# title: Load balancer listener or rule with a single real server
# description: >-
#   A listener or forwarding rule with one backend is a single point of failure: when that
#   server fails or is restarted, every request it serves fails.
# scope: package
# custom:
#   id: TSA-CLB-101
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   reads: [related.targets]
#   remediation: >-
#     Bind at least two real servers (ideally in different zones) to every listener and
#     forwarding rule.
#   tam_recommendation: >-
#     Give every load-balanced service at least two backends in two zones, so a server failure
#     or a rolling release never takes it down.
#   references:
#     - https://www.tencentcloud.com/document/product/214/6097
#     - https://cloud.tencent.com/document/product/214/6097
#     - https://cloud.tencent.com/document/api/214/30685
#   params:
#     min_targets: 2
#   catalogue: REL-17
#   i18n:
#     zh-CN:
#       title: 负载均衡的监听器或转发规则只有一台后端服务器
#       description: >-
#         只有一台后端服务器的监听器或转发规则是单点故障：该服务器故障或重启时，它承载的所有请求都会失败。
#       remediation: >-
#         为每个监听器和转发规则绑定至少两台后端服务器（最好分布在不同可用区）。
#       tam_recommendation: >-
#         每个经负载均衡对外的服务至少配置分布在两个可用区的两台后端，确保服务器故障或滚动发布都不会导致服务中断。
package tsa.rules.clb.single_backend

import data.tsa.lib.clb

params := input.params["TSA-CLB-101"]

thin_sets(lb) := [{"where": s.where, "targets": count(s.targets)} |
	some s in clb.target_sets(lb)
	count(s.targets) > 0
	count(s.targets) < params.min_targets
]

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	thin := thin_sets(lb)
	count(thin) > 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): fewer than %d real servers behind %s", [lb.id, lb.name, params.min_targets, concat("; ", [t.where | some t in thin])]),
		"evidence": {"forwarding": thin},
	}
}

unknown contains {"resource": lb.id, "reason": "the load balancer's backends were not read (related.targets)"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	not is_array(object.get(lb, ["related", "targets"], null))
}
