# Helpers for the "prepaid resource expiring without auto-renewal" rules.
package tsa.lib.expiry

import data.tsa.lib.dates
import data.tsa.lib.num

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

# unknown_reason says why a prepaid expiry rule cannot judge a resource: its billing mode, its
# auto-renew flag or its deadline is missing or unreadable. prepaid is the billing field's
# prepaid value; undefined when all three are known (or the resource is not prepaid).
unknown_reason(d, billing, prepaid, renew, deadline) := sprintf("its billing mode (%s) is missing", [billing]) if {
	not num.of(object.get(d, billing, null))
} else := sprintf("its auto-renew flag (%s) is missing", [renew]) if {
	num.of(d[billing]) == prepaid
	not num.of(object.get(d, renew, null))
} else := sprintf("its deadline (%s) cannot be read", [deadline]) if {
	num.of(d[billing]) == prepaid
	not dates.readable(object.get(d, deadline, null))
}
