# Helpers for monitor.metric resources: daily series (name = tsa metric key, subject in
# data.Subject, the inventory id the collector read the series for) joined to the resource they
# describe. The dimensions may name something else (a CLB's VIP, a MongoDB node).
package tsa.lib.metric

import data.tsa.lib.metrics
import data.tsa.lib.num

# of is the metric resource named key whose subject is id; undefined when none was collected.
# The lookup goes through the index built once in tsa.lib.metrics, never a scan per subject.
of(key, id) := metrics.series(key, id)

# values are the numeric daily values of a series, oldest first (nulls dropped).
values(m) := [v | some x in object.get(m.data, "Values", []); v := num.of(x)]

# latest is the most recent numeric daily value of a series.
latest(m) := vs[count(vs) - 1] if {
	vs := values(m)
	count(vs) > 0
}

# peak is the highest daily peak (MaxValues) of a series, or the highest daily value when the
# series carries no peaks.
peak(m) := max(ms) if {
	ms := [v | some x in object.get(m.data, "MaxValues", []); v := num.of(x)]
	count(ms) > 0
} else := max(values(m)) if count(values(m)) > 0
