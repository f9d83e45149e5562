# METADATA
# title: Local-disk instance outside the high-I/O and big-data families
# description: >-
#   Local disks cannot be snapshotted and lose their data when the host fails. Only the high-I/O
#   and big-data families, whose software replicates data itself, are meant to run on them.
# scope: package
# custom:
#   id: TSA-CVM-103
#   pillar: reliability
#   severity: medium
#   resource_types: [cvm.instance]
#   remediation: >-
#     Move the workload to an instance with cloud disks (Premium, SSD or Enhanced SSD), which can
#     be snapshotted and survive a host failure.
#   tam_recommendation: >-
#     Keep local disks for replicated stores (Kafka, HDFS, Elasticsearch) on IT/D families; give
#     everything else cloud disks with scheduled snapshots.
#   references:
#     - https://www.tencentcloud.com/document/product/213/4952
#   params:
#     local_disk_families: [IT, ITA, D, DA]
#   catalogue: REL-05
package tsa.rules.cvm.local_disk_family

import data.tsa.lib.fields

params := input.params["TSA-CVM-103"]

# family is the letters of the instance type before the generation, e.g. "ITA" of "ITA4.4XLARGE64".
family(i) := f if {
	prefix := upper(split(fields.str(i.data, "InstanceType"), ".")[0])
	f := regex.find_n(`^[A-Z]+`, prefix, 1)[0]
}

local_disks(i) := [{"DiskId": object.get(d, "DiskId", ""), "DiskType": d.DiskType} |
	some d in array.concat([object.get(i.data, "SystemDisk", {})], fields.list(i.data, "DataDisks"))
	is_object(d)
	startswith(fields.str(d, "DiskType"), "LOCAL_")
]

deny contains finding if {
	some i in input.resources["cvm.instance"]
	disks := local_disks(i)
	count(disks) > 0
	f := family(i)
	not f in {x | some x in params.local_disk_families}
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s) of type %s runs on local disks (%s), which cannot be snapshotted", [i.id, i.name, i.data.InstanceType, concat(", ", {d.DiskType | some d in disks})]),
		"evidence": {"InstanceType": i.data.InstanceType, "family": f, "local_disks": disks},
	}
}
