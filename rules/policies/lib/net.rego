# Helpers for security-group and ACL port and address specs as the VPC API writes them.
package tsa.lib.net

# world_open is true for an entry whose source is the whole IPv4 or IPv6 internet.
world_open(entry) if entry.CidrBlock == "0.0.0.0/0"

world_open(entry) if entry.Ipv6CidrBlock == "::/0"

# world_source is the internet-wide source of an entry that is world_open.
world_source(entry) := entry.CidrBlock if entry.CidrBlock == "0.0.0.0/0"
else := entry.Ipv6CidrBlock

# all_ports is true for a port spec that means every port ("ALL", "all", or empty).
all_ports(spec) if lower(trim_space(spec)) == "all"

all_ports(spec) if trim_space(spec) == ""

# covers is true when a port spec such as "22", "80,443" or "3000-4000" includes port.
covers(spec, _) if all_ports(spec)

covers(spec, port) if {
	some part in split(spec, ",")
	in_range(trim_space(part), port)
}

in_range(part, port) if {
	not contains(part, "-")
	to_number(part) == port
}

in_range(part, port) if {
	bounds := split(part, "-")
	count(bounds) == 2
	to_number(bounds[0]) <= port
	port <= to_number(bounds[1])
}

# only_ports is true when every port a spec opens is in allowed (a set of numbers).
only_ports(spec, allowed) if {
	not all_ports(spec)
	every part in split(spec, ",") {
		p := trim_space(part)
		not contains(p, "-")
		to_number(p) in allowed
	}
}

# carries_ports is true for the protocols that carry ports.
carries_ports(entry) if upper(entry.Protocol) in {"TCP", "UDP", "ALL"}
