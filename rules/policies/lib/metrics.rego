# Daily monitoring series (monitor.metric resources, one value per day, oldest first) looked up
# by tsa metric key and subject id. The subject of a series is data.Subject, the inventory id the
# collector read it for; its dimensions may name something else (a CLB's VIP, a MongoDB node).
package tsa.lib.metrics

all_series := object.get(input.resources, "monitor.metric", [])

subject(m) := m.data.Subject

# index groups the series by [key, subject] once: the engine hands it over built in Go as
# input.metric_index (the same object); without it (Rego tests, other callers) it is built here.
# OPA evaluates the inner comprehension once for all keys (comprehension indexing), so building
# it is linear in the number of series, and grouping never raises a conflict even if a collector
# emitted a series twice.
index := input.metric_index if input.metric_index

else := {k: ms |
	some m in all_series
	k := [m.name, subject(m)]
	ms := [x | some x in all_series; [x.name, subject(x)] == k]
}

# series is the metric resource of the key for the subject id; undefined when none was collected.
series(key, id) := index[[key, id]][0]

# daily is a series' daily values with nulls kept, so days of two series stay aligned.
daily(m) := v if {
	v := m.data.Values
	is_array(v)
} else := []

# daily_peaks is a series' daily maxima when it carries them, else its daily values.
daily_peaks(m) := v if {
	v := m.data.MaxValues
	is_array(v)
	count(numbers(v)) > 0
} else := daily(m)

# numbers drops the nulls (days without data) of a list of values.
numbers(vs) := [v | some v in vs; is_number(v)]

# values is the numeric daily values of key for the subject id; undefined without a series.
values(key, id) := numbers(daily(series(key, id)))

# peaks is the numeric daily maxima (or values) of key for the subject id.
peaks(key, id) := numbers(daily_peaks(series(key, id)))

# last is the n most recent entries of a list.
last(vs, n) := array.slice(vs, count(vs) - n, count(vs))

# days_above counts the values strictly above threshold.
days_above(vs, threshold) := count([v | some v in vs; v > threshold])

# round2 rounds to two decimals for messages and evidence.
round2(x) := round(x * 100) / 100

# days_over is the number of the last window days on which key's value for the subject id was
# above threshold; undefined without a series.
days_over(key, id, threshold, window) := days_above(last(values(key, id), window), threshold)

# quiet is the last n daily peaks of key for the subject id when there are n of them and none
# is above limit; undefined otherwise (including without a series).
quiet(key, id, limit, n) := recent if {
	recent := last(peaks(key, id), n)
	count(recent) == n
	every v in recent { v <= limit }
}

# means is the per-day means (China Standard Time days, oldest first, nulls kept) of a series
# read hourly for its averages (data.DailyMeans: a daily CpuUsage value is the day's maximum,
# not its average); undefined when the series carries none.
means(m) := v if {
	v := m.data.DailyMeans
	is_array(v)
}

# period is a series' period in seconds, undefined when the collector recorded none.
period(m) := p if {
	p := m.data.Period
	is_number(p)
	p > 0
}
