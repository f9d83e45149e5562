# Helpers for the time formats Tencent Cloud APIs return.
package tsa.lib.time

day_ns := (24 * 60) * 60e9

# ns parses an API timestamp to Unix nanoseconds: RFC 3339 ("2026-11-27T08:00:00Z", CVM) or
# "2006-01-02 15:04:05" in China Standard Time (CBS, CDB, Redis).
ns(s) := time.parse_rfc3339_ns(s) if contains(s, "T")

else := time.parse_ns("2006-01-02 15:04:05 -0700", concat(" ", [s, "+0800"]))

now_ns := time.parse_rfc3339_ns(input.now)

# days_until is the number of days (fractional) from input.now to the timestamp s.
days_until(s) := (ns(s) - now_ns) / day_ns

# age_days is the number of days (fractional) from the timestamp s to input.now.
age_days(s) := (now_ns - ns(s)) / day_ns
