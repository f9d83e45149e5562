# Guarded reading of API timestamps: the time formats lib.time parses plus bare dates, and
# nothing else, so a null, empty or zero date ("0000-00-00 00:00:00", which prepaid-less
# instances carry) is undefined instead of a parse error.
package tsa.lib.dates

import data.tsa.lib.time

rfc3339 := `^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`

china := `^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]) [0-9]{2}:[0-9]{2}:[0-9]{2}$`

date := `^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`

# full is s as a timestamp lib.time reads; a bare date is midnight China Standard Time.
full(s) := s if {
	is_string(s)
	regex.match(rfc3339, s)
}

full(s) := s if {
	is_string(s)
	regex.match(china, s)
}

full(s) := concat(" ", [s, "00:00:00"]) if {
	is_string(s)
	regex.match(date, s)
}

# readable is true for a timestamp this package can read.
readable(s) if full(s)

# days_until is the number of days (fractional) from input.now to s.
days_until(s) := time.days_until(full(s))

# age_days is the number of days (fractional) from s to input.now.
age_days(s) := time.age_days(full(s))
