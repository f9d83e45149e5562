package tsa.lib.metrics_test

import data.tsa.lib.metrics
import data.tsa.lib.testing

res(ms) := {"resources": {"monitor.metric": ms}}

test_series_found_by_key_and_subject if {
	vs := metrics.values("cvm_cpu", "ins-1") with input as res([testing.metric("cvm_cpu", "ins-1", [1, 2]), testing.metric("cvm_mem", "ins-1", [3])])
	vs == [1, 2]
}

test_no_series_is_undefined if {
	not metrics.values("cvm_cpu", "ins-2") with input as res([testing.metric("cvm_cpu", "ins-1", [1])])
}

test_no_metric_resources_at_all if {
	not metrics.values("cvm_cpu", "ins-1") with input as {"resources": {}}
}

test_duplicate_series_do_not_conflict if {
	vs := metrics.values("cvm_cpu", "ins-1") with input as res([testing.metric("cvm_cpu", "ins-1", [1]), testing.metric("cvm_cpu", "ins-1", [2])])
	vs == [1]
}

test_nulls_dropped_from_values if {
	metrics.values("k", "s") == [1, 3] with input as res([testing.metric("k", "s", [1, null, 3])])
}

test_null_values_field_is_empty if {
	metrics.values("k", "s") == [] with input as res([{"name": "k", "data": {"Dimensions": [{"Value": "s"}], "Values": null, "Subject": "s"}}])
}

test_peaks_prefer_max_values if {
	metrics.peaks("k", "s") == [5, 6] with input as res([testing.metric_max("k", "s", [1, 2], [5, 6])])
}

test_peaks_fall_back_to_values if {
	metrics.peaks("k", "s") == [1, 2] with input as res([testing.metric_max("k", "s", [1, 2], [null, null])])
}

test_last_clamps if {
	metrics.last([1, 2, 3], 2) == [2, 3]
	metrics.last([1, 2, 3], 7) == [1, 2, 3]
	metrics.last([], 7) == []
}

test_days_over_counts_strictly_above if {
	n := metrics.days_over("k", "s", 90, 3) with input as res([testing.metric("k", "s", [99, 99, 90, 91, 95])])
	n == 2
}

test_subject_is_data_subject_not_the_dimension if {
	# a public CLB's series is named by its VIP; the collector records the LB id as Subject
	vs := metrics.values("clb_connections", "lb-1") with input as res([testing.metric_dim("clb_connections", "lb-1", "vip", "203.0.113.10", [7, 8])])
	vs == [7, 8]
	not metrics.values("clb_connections", "203.0.113.10") with input as res([testing.metric_dim("clb_connections", "lb-1", "vip", "203.0.113.10", [7, 8])])
}
