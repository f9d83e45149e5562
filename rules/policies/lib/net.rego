# One ordered first-match evaluator for security-group policies and network ACL entries, as
# Tencent Cloud applies them: the policies are walked in order (a security group's PolicyIndex,
# an ACL's Priority, lowest first) and the first one that matches a packet decides, DROP
# included; a packet no policy matches is dropped (both have an implicit deny at the end).
#
# A question is a probe: traffic from anywhere on the internet of one address family ("ipv4",
# "ipv6") to one protocol ("TCP", "UDP", …) and port. Only a policy whose source is the whole
# internet of that family (0.0.0.0/0, which Tencent writes for any 0.0.0.0/n, or ::/0) decides
# for it: a narrower DROP above leaves the rest of the internet to the policies below it, a
# narrower ACCEPT opens the port to some addresses only, and a source security group is not the
# internet.
#
# Template-based policies (AddressTemplate, ServiceTemplate: ids or groups) carry what the
# collector resolved them to in ResolvedAddresses ([]CIDR or IP) and ResolvedServices
# ([]{Protocol, Port}). A policy the walk cannot judge (a template left unresolved, a missing
# Action or Protocol, a port spec that does not parse) stops the walk with "unknown" when it is
# reached before a decision: what it would do cannot be known, so the answer cannot be a pass.
package tsa.lib.net

families := ["ipv4", "ipv6"]

world := {"ipv4": "0.0.0.0/0", "ipv6": "::/0"}

# --- order ---------------------------------------------------------------------------------

# sg_order is a security group's policies (one direction) in the order Tencent applies them:
# by PolicyIndex, list order for policies without one (and between equal indexes).
sg_order(policies) := ordered(policies, "PolicyIndex")

# acl_order is a network ACL's entries (one direction) by Priority, lowest (1) first.
acl_order(entries) := ordered(entries, "Priority")

ordered(ps, key) := [ps[k[1]] |
	some k in sort([[rank(p, key, i), i] | some i, p in ps])
]

rank(p, key, i) := p[key] if is_number(p[key])

else := i

# --- one policy, normalised once ----------------------------------------------------------

# normalise reads a policy once into what the walk compares: its action ("ACCEPT", "DROP", or
# "" when unreadable), per family whether its source is the internet ("yes", "no", or "maybe"
# for an unresolved address template or a policy naming no source at all), and its services
# ([{protocol, ranges}], or "maybe" for an unresolved service template or an unparseable port).
normalise(p) := {
	"action": action(p),
	"src": {f: source_state(p, f) | some f in families},
	"svc": service_list(p),
	"policy": p,
}

normalised(ordered_policies) := [normalise(p) | some p in ordered_policies]

action(p) := a if {
	a := upper(p.Action)
	a in {"ACCEPT", "DROP"}
} else := ""

# template is true when the policy names a template in field (one of the id keys non-empty):
# the API may send an empty template object beside a plain CidrBlock.
template(p, field, keys) if {
	t := p[field]
	is_object(t)
	some k in keys
	is_string(t[k])
	t[k] != ""
}

address_template(p) if template(p, "AddressTemplate", ["AddressId", "AddressGroupId"])

service_template(p) if template(p, "ServiceTemplate", ["ServiceId", "ServiceGroupId"])

# sources are a policy's source addresses: the resolved addresses of its address template, or
# its CidrBlock and Ipv6CidrBlock; undefined for a template left unresolved.
sources(p) := p.ResolvedAddresses if {
	address_template(p)
	is_array(p.ResolvedAddresses)
} else := [a | some k in ["CidrBlock", "Ipv6CidrBlock"]; a := p[k]; is_string(a); a != ""] if {
	not address_template(p)
}

# names_source is true when a policy has some source: addresses or another security group.
names_source(p) if count(sources(p)) > 0

names_source(p) if {
	is_string(p.SecurityGroupId)
	p.SecurityGroupId != ""
}

source_state(p, family) := "yes" if {
	some a in sources(p)
	internet(a, family)
} else := "no" if names_source(p)

else := "maybe"

# internet is true for an address that is the whole internet of a family.
internet(a, "ipv4") if regex.match(`^0\.0\.0\.0/[0-9]+$`, trim_space(a))

internet(a, "ipv4") if trim_space(a) == "0.0.0.0-255.255.255.255"

internet(a, "ipv6") if trim_space(a) in {"::/0", "0::0/0", "::0/0"}

# service_list is a policy's services as [{protocol, ranges}], or "maybe" when any is unreadable.
service_list(p) := svcs if {
	pairs := service_pairs(p)
	svcs := [{"protocol": upper(s.Protocol), "ranges": port_ranges(object.get(s, "Port", ""))} |
		some s in pairs
		is_string(s.Protocol)
	]
	count(svcs) == count(pairs)
	count(svcs) > 0
} else := "maybe"

service_pairs(p) := p.ResolvedServices if {
	service_template(p)
	is_array(p.ResolvedServices)
} else := [{"Protocol": p.Protocol, "Port": object.get(p, "Port", "")}] if {
	not service_template(p)
	is_string(p.Protocol)
} else := [{}]

# service_state is "yes" when a service list covers the probe's protocol and port, "maybe" when
# the list is unreadable; undefined when it does not cover the probe.
service_state("maybe", _) := "maybe"

service_state(svcs, probe) := "yes" if {
	is_array(svcs)
	some s in svcs
	covers_service(s, probe)
}

# A protocol without ports (ICMP, ICMPv6, GRE) or ALL covers every port of what it names.
covers_service(s, _) if s.protocol == "ALL"

covers_service(s, probe) if {
	s.protocol == upper(probe.protocol)
	not s.protocol in {"TCP", "UDP"}
}

covers_service(s, probe) if {
	s.protocol == upper(probe.protocol)
	some r in s.ranges
	r[0] <= probe.port
	probe.port <= r[1]
}

# verdict is what a normalised policy does to a probe {family, protocol, port}: its action when
# it matches, "unknown" when it might match but cannot be judged; undefined when it does not
# match.
verdict(n, probe) := v if {
	src := n.src[probe.family]
	src != "no"
	svc := service_state(n.svc, probe)
	v := judged(n.action, src, svc)
}

judged(a, src, svc) := a if {
	src == "yes"
	svc == "yes"
	a != ""
} else := "unknown"

# --- the walk ------------------------------------------------------------------------------

# decide walks normalised policies in order for a probe: {"verdict": "ACCEPT" | "DROP" |
# "unknown", "policy": the deciding policy}, or a DROP by no policy when none matches (the
# implicit deny at the end of every security group and ACL).
decide(ns, probe) := d if {
	hits := [{"verdict": v, "policy": n.policy} |
		some n in ns
		v := verdict(n, probe)
	]
	d := hits[0]
} else := {"verdict": "DROP", "policy": null}

# --- port specs ----------------------------------------------------------------------------

# all_ports is true for a port spec that means every port ("ALL", "all", or empty).
all_ports(spec) if lower(trim_space(spec)) == "all"

all_ports(spec) if trim_space(spec) == ""

# port_ranges parses a port spec ("22", "80,443", "8000-9000", "ALL") into [[low, high], …];
# undefined for a spec that does not parse, so a caller cannot mistake it for "no ports".
port_ranges(spec) := [[0, 65535]] if {
	is_string(spec)
	all_ports(spec)
} else := rs if {
	is_string(spec)
	parts := [trim_space(x) | some x in split(spec, ",")]
	every x in parts { regex.match(`^[0-9]{1,5}(-[0-9]{1,5})?$`, x) }
	rs := [range_of(x) | some x in parts]
}

range_of(part) := [to_number(part), to_number(part)] if not contains(part, "-")

else := [to_number(b[0]), to_number(b[1])] if b := split(part, "-")

# covers is true when a port spec includes port.
covers(spec, port) if {
	some r in port_ranges(spec)
	r[0] <= port
	port <= r[1]
}

# --- questions the rules ask ---------------------------------------------------------------

# relevant keeps, in order, the policies that can decide for the internet of a family: those
# whose source is (or may be) the whole internet. The others never match a probe, so dropping
# them first keeps the walks short on groups with many private rules.
relevant(ns, family) := [n | some n in ns; n.src[family] != "no"]

# reach lists, for each address family, protocol and port asked, the walks over normalised
# policies that do not end in DROP: {"family", "protocol", "port", "verdict", "policy"}.
reach(ns, protocols, ports) := [r |
	some family in families
	rel := relevant(ns, family)
	some protocol in protocols
	some port in ports
	d := decide(rel, {"family": family, "protocol": protocol, "port": port})
	d.verdict != "DROP"
	r := {"family": family, "protocol": protocol, "port": port, "verdict": d.verdict, "policy": d.policy}
]

# breakpoints are the ports (1…65536) where the verdict of a walk may change: both ends of every
# policy's ranges and of each extra port, so one probe per interval between them answers for it.
breakpoints(ns, extra) := sort({b |
	some b in array.concat([1, 65536], [x | some p in extra; some x in [p, p + 1]])
} | {b |
	some n in ns
	is_array(n.svc)
	some s in n.svc
	some r in s.ranges
	some b in [r[0], r[1] + 1]
	b >= 1
	b <= 65536
})

# intervals are the TCP and UDP port intervals [low, high] the internet reaches through
# normalised policies, per family, with the verdict (ACCEPT or unknown) and deciding policy.
intervals(ns, extra) := [iv |
	some family in families
	rel := relevant(ns, family)
	bs := breakpoints(rel, extra)
	some protocol in ["TCP", "UDP"]
	some i in numbers.range(0, count(bs) - 2)
	d := decide(rel, {"family": family, "protocol": protocol, "port": bs[i]})
	d.verdict != "DROP"
	iv := {"family": family, "protocol": protocol, "low": bs[i], "high": bs[i + 1] - 1, "verdict": d.verdict, "policy": d.policy}
]

# summary names a policy for evidence: its position, protocol, port, source and action fields.
summary(p) := {k: p[k] |
	is_object(p)
	some k in ["PolicyIndex", "Priority", "Protocol", "Port", "CidrBlock", "Ipv6CidrBlock", "SecurityGroupId", "AddressTemplate", "ServiceTemplate", "ResolvedAddresses", "ResolvedServices", "Action"]
	p[k] != null
}
