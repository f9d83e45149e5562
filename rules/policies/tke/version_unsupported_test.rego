package tsa.rules.tke.version_unsupported_test

import data.tsa.rules.tke.version_unsupported as rule

params := {"TSA-TKE-102": {"min_supported_version": "1.28"}}

run(v) := r if {
	r := rule.deny with input as {"params": params, "resources": {"tke.cluster": [{"id": "cls-1", "name": "prod", "data": {"ClusterVersion": v}}]}}
}

test_old_version_fails if {
	some f in run("1.22.5")
	f.evidence.ClusterVersion == "1.22.5"
}

test_minimum_itself_passes if {
	count(run("1.28.3")) == 0
	count(run("1.28")) == 0
}

test_newer_passes if {
	count(run("1.30.0")) == 0
	count(run("2.1")) == 0
}

test_minor_compared_numerically if {
	count(run("1.9.0")) == 1
	count(run("1.100.0")) == 0
}

test_suffixes_and_prefix_read if {
	count(run("v1.26.1-tke.3")) == 1
}

test_unreadable_version_not_failed if {
	count(run("")) == 0
	count(run(null)) == 0
	count(run("latest")) == 0
}

test_unreadable_version_is_unknown if {
	inp := {"params": {"TSA-TKE-102": {"min_supported_version": "1.26"}}, "resources": {"tke.cluster": [{"id": "cls-x", "name": "x", "data": {"ClusterVersion": "latest"}}]}}
	count(rule.deny) == 0 with input as inp
	count(rule.unknown) == 1 with input as inp
}
