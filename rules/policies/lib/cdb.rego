# Helpers for TencentDB for MySQL instances (cdb InstanceInfo).
package tsa.lib.cdb

import data.tsa.lib.fields

# primary is true for a primary instance (InstanceType 1), not a read-only or disaster-recovery one.
primary(i) if object.get(i.data, "InstanceType", 1) == 1

# single_node is true for an instance without a standby: the basic (single-node) edition, one
# node, or no replica in SlaveInfo on a two- or three-node edition that should list one.
single_node(i) if startswith(fields.str(i.data, "DeviceType"), "BASIC")

single_node(i) if i.data.InstanceNodes == 1

single_node(i) if {
	not cluster_edition(i)
	not has_replica(i)
	not multi_node(i)
}

multi_node(i) if i.data.InstanceNodes >= 2

cluster_edition(i) if startswith(fields.str(i.data, "DeviceType"), "CLOUD_NATIVE_CLUSTER")

has_replica(i) if fields.str(object.get(i.data, ["SlaveInfo", "First"], {}), "Zone") != ""

# zones is the set of zones of the primary and its replicas that the API names.
zones(i) := {z |
	some z in [
		fields.str(i.data, "Zone"),
		fields.str(object.get(i.data, ["SlaveInfo", "First"], {}), "Zone"),
		fields.str(object.get(i.data, ["SlaveInfo", "Second"], {}), "Zone"),
	]
	z != ""
}
