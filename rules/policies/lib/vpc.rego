# Helpers for the network fields database APIs return (UniqVpcId string, VpcId number).
package tsa.lib.vpc

import data.tsa.lib.fields

# classic is true for an API object that states its network and names no VPC: UniqVpcId empty
# and VpcId 0. An object carrying neither field says nothing, so it is not classic.
classic(d) if {
	says_network(d)
	not in_vpc(d)
}

in_vpc(d) if fields.str(d, "UniqVpcId") != ""

in_vpc(d) if {
	v := d.VpcId
	is_number(v)
	v != 0
}

says_network(d) if "UniqVpcId" in object.keys(d)

says_network(d) if "VpcId" in object.keys(d)
