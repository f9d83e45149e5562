# Helpers for the "prepaid resource expiring without auto-renewal" rules.
package tsa.lib.expiry

import data.tsa.lib.dates

# days_left is the days from input.now to deadline when that is at most within days;
# undefined for an unreadable or zero deadline.
days_left(deadline, within) := d if {
	d := dates.days_until(deadline)
	d <= within
}

# message says what expires when, e.g. "prepaid disk disk-1 (data) expires in 3 days
# (2026-11-30 00:00:00) and is not set to auto-renew".
message(what, r, deadline, days) := sprintf("%s %s (%s) expired on %s and is not set to auto-renew", [what, r.id, r.name, deadline]) if days < 0

else := sprintf("%s %s (%s) expires in %d days (%s) and is not set to auto-renew", [what, r.id, r.name, floor(days), deadline])
