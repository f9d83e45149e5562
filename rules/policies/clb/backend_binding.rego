# METADATA
# title: Load balancer backends bound unevenly
# description: >-
#   One server bound on several ports of the same listener or rule looks like redundancy but
#   fails as one; a zero-weight backend in a set gets no traffic and hides lost capacity.
# scope: package
# custom:
#   id: TSA-CLB-108
#   pillar: reliability
#   severity: medium
#   resource_types: [clb.load_balancer]
#   reads: [related.targets]
#   remediation: >-
#     Bind each listener or rule to distinct servers (one port each), and give every bound
#     backend a non-zero weight or unbind it.
#   tam_recommendation: >-
#     Spread each forwarding rule over distinct servers in different zones, and use weight 0
#     only briefly, for draining during releases.
#   references:
#     - https://cloud.tencent.com/document/api/214/30685
#     - https://www.tencentcloud.com/document/api/214/30685
#     - https://cloud.tencent.com/document/product/214/517
#   params:
#     max_ports_per_instance: 1
#   catalogue: REL-24
#   i18n:
#     zh-CN:
#       title: 负载均衡后端绑定不均衡
#       description: >-
#         同一台服务器以多个端口绑定在同一监听器或规则上，看似冗余，故障时却会一起失效；权重为 0 的后端不接收流量，掩盖了已损失的容量。
#       remediation: >-
#         每个监听器或规则绑定不同的服务器（每台一个端口），并为每个已绑定的后端设置非零权重或将其解绑。
#       tam_recommendation: >-
#         每条转发规则的后端应分布在不同可用区的不同服务器上，权重 0 只在发布时短暂用于摘流。
package tsa.rules.clb.backend_binding

import data.tsa.lib.clb
import data.tsa.lib.fields

params := input.params["TSA-CLB-108"]

multi_port(s) := [sprintf("%s on ports %s of %s", [id, concat(",", [sprintf("%v", [p]) | some p in ports]), s.where]) |
	some id in ({fields.str(t, "InstanceId") | some t in s.targets} - {""})
	ports := {object.get(t, "Port", null) | some t in s.targets; fields.str(t, "InstanceId") == id}
	count(ports) > params.max_ports_per_instance
]

zero_weight(s) := [sprintf("%s weight 0 in %s", [fields.str(t, "InstanceId"), s.where]) |
	some t in s.targets
	t.Weight == 0
	some other in s.targets
	w := other.Weight
	is_number(w)
	w > 0
]

problems(lb) := {p |
	some s in clb.target_sets(lb)
	some p in array.concat(multi_port(s), zero_weight(s))
}

deny contains finding if {
	some lb in input.resources["clb.load_balancer"]
	ps := problems(lb)
	count(ps) > 0
	finding := {
		"resource": lb.id,
		"message": sprintf("load balancer %s (%s): %s", [lb.id, lb.name, concat("; ", sort(ps))]),
		"evidence": {"binding_problems": ps},
	}
}

unknown contains {"resource": lb.id, "reason": "the load balancer's backends were not read (related.targets)"} if {
	some lb in object.get(input.resources, "clb.load_balancer", [])
	not is_array(object.get(lb, ["related", "targets"], null))
}
