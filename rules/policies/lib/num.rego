# Helpers for the numbers, usage ratios and metric series the rules compare to thresholds.
package tsa.lib.num

# of reads a number the API may write as a JSON number or as a numeric string ("80", "12.5");
# it is undefined for null, empty strings and anything else.
of(x) := x if is_number(x)

of(x) := to_number(trim_space(x)) if {
	is_string(x)
	regex.match(`^\s*-?[0-9]+(\.[0-9]+)?\s*$`, x)
}

# pct is used as a percentage of limit, undefined unless both are numbers and limit > 0.
pct(used, limit) := (100 * of(used)) / of(limit) if of(limit) > 0

# level grades a percentage: "high" at or above high, "medium" at or above medium.
level(p, medium, high) := "high" if p >= high

else := "medium" if p >= medium

# round1 rounds to one decimal, for messages and evidence.
round1(x) := round(x * 10) / 10
