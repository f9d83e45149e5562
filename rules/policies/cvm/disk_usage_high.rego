# METADATA
# title: Instance disk space nearly full
# description: >-
#   When the fullest disk of an instance stays above the threshold, writes, logs and upgrades
#   start failing and the service stops.
# scope: package
# custom:
#   id: TSA-CVM-104
#   pillar: reliability
#   severity: high
#   resource_types: [cvm.instance]
#   joins: [monitor.metric]
#   remediation: >-
#     Clean up or archive data, or expand the cloud disk (CBS console > Expand capacity) and grow
#     the file system.
#   tam_recommendation: >-
#     Alarm on disk usage at 80 % through Cloud Monitor and expand before 90 %; move logs and
#     archives to COS with lifecycle rules.
#   references:
#     - https://www.tencentcloud.com/document/product/362/5747
#   params:
#     warn_percent: 80
#     high_percent: 90
#     window_days: 7
#   catalogue: REL-06
package tsa.rules.cvm.disk_usage_high

import data.tsa.lib.metrics

params := input.params["TSA-CVM-104"]

deny contains finding if {
	some i in input.resources["cvm.instance"]
	recent := metrics.last(metrics.values("cvm_disk", i.id), params.window_days)
	count(recent) > 0
	peak := max(recent)
	peak >= params.warn_percent
	finding := {
		"resource": i.id,
		"severity": severity(peak),
		"message": sprintf("instance %s (%s): disk usage reached %v%% in the last %d days", [i.id, i.name, metrics.round2(peak), params.window_days]),
		"evidence": {"metric": "cvm_disk", "peak_percent": peak, "window_days": params.window_days, "daily_values": recent},
	}
}

severity(peak) := "high" if peak >= params.high_percent

else := "medium"
