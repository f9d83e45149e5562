# METADATA
# title: Pay-as-you-go instance running for months
# description: >-
#   An hourly-billed instance that has run for more than two months is a steady workload paying
#   the pay-as-you-go premium; monthly subscription or a savings plan costs less.
# scope: package
# custom:
#   id: TSA-CVM-302
#   pillar: cost
#   severity: medium
#   resource_types: [cvm.instance]
#   reads: [data.InstanceChargeType, data.CreatedTime]
#   remediation: >-
#     Switch the instance to monthly subscription (Switch billing mode) or cover it with a
#     reserved instance or savings plan.
#   tam_recommendation: >-
#     Move workloads that run around the clock to subscription billing and keep pay-as-you-go
#     for elastic capacity only.
#   references:
#     - https://www.tencentcloud.com/document/product/213/2180
#     - https://cloud.tencent.com/document/product/213/2180
#   params:
#     min_age_days: 60
#   catalogue: COST-03
#   i18n:
#     zh-CN:
#       title: 按量计费实例已连续运行数月
#       description: >-
#         按小时计费的实例已运行超过两个月，属于长期稳定的负载却一直支付按量计费的溢价；改为包年包月或使用节省计划成本更低。
#       remediation: >-
#         将实例转为包年包月（切换计费模式），或用预留实例、节省计划覆盖该实例。
#       tam_recommendation: >-
#         全天候运行的负载改用包年包月，按量计费只用于弹性容量。
package tsa.rules.cvm.postpaid_long_running

import data.tsa.lib.dates
import data.tsa.lib.fields
import data.tsa.lib.time

params := input.params["TSA-CVM-302"]

deny contains finding if {
	some i in input.resources["cvm.instance"]
	i.data.InstanceChargeType == "POSTPAID_BY_HOUR"
	created := fields.str(i.data, "CreatedTime")
	created != ""
	age := time.age_days(created)
	age > params.min_age_days
	finding := {
		"resource": i.id,
		"message": sprintf("instance %s (%s) has been billed by the hour for %d days", [i.id, i.name, floor(age)]),
		"evidence": {"InstanceChargeType": "POSTPAID_BY_HOUR", "CreatedTime": created, "age_days": floor(age)},
	}
}

unknown contains {"resource": i.id, "reason": "InstanceChargeType is absent or null"} if {
	some i in object.get(input.resources, "cvm.instance", [])
	not is_string(object.get(i.data, "InstanceChargeType", null))
}

unknown contains {"resource": i.id, "reason": sprintf("pay-as-you-go instance with an unreadable CreatedTime (%v)", [object.get(i.data, "CreatedTime", null)])} if {
	some i in object.get(input.resources, "cvm.instance", [])
	i.data.InstanceChargeType == "POSTPAID_BY_HOUR"
	not dates.readable(object.get(i.data, "CreatedTime", null))
}
