# METADATA
# title: Kubernetes cluster version out of support
# description: >-
#   A TKE cluster below the oldest supported Kubernetes minor version gets no security fixes
#   and cannot be upgraded in one step once it falls further behind.
# scope: package
# custom:
#   id: TSA-TKE-102
#   pillar: reliability
#   severity: medium
#   resource_types: [tke.cluster]
#   reads: [data.ClusterVersion]
#   remediation: >-
#     Upgrade the control plane one minor version at a time, then the node pools, after checking
#     deprecated APIs in your manifests.
#   tam_recommendation: >-
#     Upgrade TKE clusters at least once a year and test each upgrade on a staging cluster;
#     plan before a version leaves support, not after.
#   references:
#     - https://cloud.tencent.com/document/api/457/31862
#     - https://www.tencentcloud.com/document/api/457/31862
#     - https://www.tencentcloud.com/document/product/457/66299
#   params:
#     min_supported_version: "1.28"
#   catalogue: REL-26
#   i18n:
#     zh-CN:
#       title: Kubernetes 集群版本已超出支持范围
#       description: >-
#         低于最旧受支持 Kubernetes 次版本的 TKE 集群得不到安全修复，落后更多之后也无法一步升级到受支持的版本。
#       remediation: >-
#         检查清单中已废弃的 API 后，逐个次版本升级控制面，再升级节点池。
#       tam_recommendation: >-
#         每年至少升级一次 TKE 集群，并先在预发集群上验证；在版本退出支持之前而不是之后做好升级规划。
package tsa.rules.tke.version_unsupported

import data.tsa.lib.fields

params := input.params["TSA-TKE-102"]

# major_minor reads "1.26.1", "v1.26" or "1.26.1-tke.3" as [1, 26]; undefined otherwise.
major_minor(v) := [to_number(m[1]), to_number(m[2])] if {
	m := regex.find_all_string_submatch_n(`^v?(\d+)\.(\d+)`, v, 1)[0]
}

deny contains finding if {
	some c in input.resources["tke.cluster"]
	version := fields.str(c.data, "ClusterVersion")
	have := major_minor(version)
	need := major_minor(params.min_supported_version)
	have < need
	finding := {
		"resource": c.id,
		"message": sprintf("cluster %s (%s) runs Kubernetes %s, older than the oldest supported %s", [c.id, c.name, version, params.min_supported_version]),
		"evidence": {"ClusterVersion": version, "min_supported_version": params.min_supported_version},
	}
}

unknown contains {"resource": c.id, "reason": sprintf("ClusterVersion (%v) is absent or unreadable", [object.get(c.data, "ClusterVersion", null)])} if {
	some c in object.get(input.resources, "tke.cluster", [])
	not major_minor(fields.str(c.data, "ClusterVersion"))
}
