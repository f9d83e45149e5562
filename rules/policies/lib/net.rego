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

# port_ranges parses a port spec once into [[low, high], …]; every port is [[0, 65535]].
port_ranges(spec) := [[0, 65535]] if all_ports(spec)

else := [r |
	some part in split(spec, ",")
	r := range_of(trim_space(part))
]

range_of(part) := [n, n] if {
	not contains(part, "-")
	n := to_number(part)
}

range_of(part) := [to_number(bounds[0]), to_number(bounds[1])] if {
	bounds := split(part, "-")
	count(bounds) == 2
}

# covers is true when a port spec such as "22", "80,443" or "3000-4000" includes port.
covers(spec, port) if {
	some r in port_ranges(spec)
	r[0] <= port
	port <= r[1]
}

# covered lists the ports (of a list) that parsed ranges include.
covered(ranges, ports) := [port |
	some port in ports
	some r in ranges
	r[0] <= port
	port <= r[1]
]

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
