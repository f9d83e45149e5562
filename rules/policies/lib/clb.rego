# Helpers for load balancers (clb.load_balancer) and the backends DescribeTargets returned.
package tsa.lib.clb

import data.tsa.lib.fields

# target_sets lists each forwarding unit of a load balancer with its backends: a listener
# without rules (layer 4), or each rule of a layer-7 listener. Empty when targets were not read;
# check is_array(lb.related.targets) before reading "no backends" as a fact.
target_sets(lb) := array.concat(listener_sets(lb), rule_sets(lb))

listener_sets(lb) := [s |
	some l in lb.related.targets
	is_object(l)
	count(fields.list(l, "Rules")) == 0
	s := {
		"where": sprintf("listener %s (%s:%v)", [fields.str(l, "ListenerId"), fields.str(l, "Protocol"), object.get(l, "Port", "?")]),
		"ListenerId": fields.str(l, "ListenerId"),
		"targets": fields.list(l, "Targets"),
	}
]

rule_sets(lb) := [s |
	some l in lb.related.targets
	some r in fields.list(l, "Rules")
	s := {
		"where": sprintf("rule %s (%s%s) of listener %s", [fields.str(r, "LocationId"), fields.str(r, "Domain"), fields.str(r, "Url"), fields.str(l, "ListenerId")]),
		"ListenerId": fields.str(l, "ListenerId"),
		"LocationId": fields.str(r, "LocationId"),
		"targets": fields.list(r, "Targets"),
	}
]

# public is true for an internet-facing load balancer.
public(lb) if lb.data.LoadBalancerType == "OPEN"

# layer7 is true for the protocols whose listeners forward by rules.
layer7(protocol) if upper(protocol) in {"HTTP", "HTTPS"}
