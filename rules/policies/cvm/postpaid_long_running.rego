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
#   remediation: >-
#     Switch the instance to monthly subscription (Switch billing mode) or cover it with a
#     reserved instance or savings plan.
#   tam_recommendation: >-
#     Move workloads that run around the clock to subscription billing and keep pay-as-you-go
#     for elastic capacity only.
#   references:
#     - https://www.tencentcloud.com/document/product/213/2180
#   params:
#     min_age_days: 60
#   catalogue: COST-03
package tsa.rules.cvm.postpaid_long_running

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
