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
#   reads: [data.InstanceType, data.SystemDisk, data.DataDisks]
#   remediation: >-
#     Move the workload to an instance with cloud disks (Premium, SSD or Enhanced SSD), which can
#     be snapshotted and survive a host failure.
#   tam_recommendation: >-
#     Keep local disks for replicated stores (Kafka, HDFS, Elasticsearch) on IT/D families; give
#     everything else cloud disks with scheduled snapshots.
#   references:
#     - https://www.tencentcloud.com/document/product/213/4952
#     - https://cloud.tencent.com/document/product/213/4952
#     - https://cloud.tencent.com/document/product/362/2353
#     - https://www.tencentcloud.com/document/product/362/2353
#   params:
#     local_disk_families: [IT, ITA, D, DA]
#   catalogue: REL-05
#   i18n:
#     zh-CN:
#       title: 非高 IO 型或大数据型实例使用了本地盘
#       description: >-
#         本地盘无法创建快照，宿主机故障时数据会丢失。只有自身具备数据多副本能力的高 IO 型和大数据型机型才适合使用本地盘。
#       remediation: >-
#         将业务迁移到使用云硬盘（高性能云硬盘、SSD 或增强型 SSD 云硬盘）的实例上，云硬盘可以创建快照并在宿主机故障后保留数据。
#       tam_recommendation: >-
#         本地盘只用于 IT/D 系列机型上自带副本机制的存储（Kafka、HDFS、Elasticsearch），其他业务一律使用云硬盘并配置定期快照。
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

unknown contains {"resource": i.id, "reason": "SystemDisk is absent or null, so tsa cannot tell whether the instance runs on local disks"} if {
	some i in object.get(input.resources, "cvm.instance", [])
	count(local_disks(i)) == 0
	object.get(i.data, "SystemDisk", null) == null
}

unknown contains {"resource": i.id, "reason": "the instance runs on local disks and its InstanceType is absent or unreadable"} if {
	some i in object.get(input.resources, "cvm.instance", [])
	count(local_disks(i)) > 0
	not family(i)
}
