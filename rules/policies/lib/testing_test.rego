# Builders the rule tests share. No tests of its own: it only lives beside them.
package tsa.lib.testing

# metric is a monitor.metric resource as the monitor collector writes it: data.Subject is the
# id of the resource the series is about.
metric(key, id, values) := {
	"type": "monitor.metric",
	"id": sprintf("ns/%s/%s", [key, id]),
	"name": key,
	"data": {"Dimensions": [{"Name": "id", "Value": id}], "Values": values, "Period": 86400, "Subject": id},
}

# metric_dim is a series whose dimension names something other than its subject (a CLB's VIP,
# a MongoDB node), as the collector writes it for those products.
metric_dim(key, id, name, value, values) := object.union(metric(key, id, values), {"data": {"Dimensions": [{"Name": name, "Value": value}]}})

# metric_max is a series that carries daily maxima too.
metric_max(key, id, values, maxima) := object.union(metric(key, id, values), {"data": {
	"Dimensions": [{"Name": "id", "Value": id}],
	"Values": values,
	"MaxValues": maxima,
	"Period": 86400,
	"Subject": id,
}})

# repeat is a list of n copies of v (numbers.range(1, 0) would count down, hence the guard).
repeat(v, n) := [v | n > 0; some _ in numbers.range(1, n)]
