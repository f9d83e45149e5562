# Helpers for CAM principals (cam.account, the owner; cam.user, a sub-user) and their keys and
# protection flags as CAM returns them.
package tsa.lib.cam

import data.tsa.lib.num

# who names a principal in messages.
who(r) := sprintf("root account %s", [r.id]) if r.type == "cam.account"

else := sprintf("sub-user %s (%s)", [r.name, r.id])

# principals are the owner account and every sub-user.
principals := array.concat(
	object.get(input.resources, "cam.account", []),
	object.get(input.resources, "cam.user", []),
)

# active_keys are a principal's access keys in Active state.
active_keys(r) := [k | some k in r.related.access_keys; k.Status == "Active"]

# on is true for a flag set to 1 (a number, or a numeric string).
on(flags, name) if num.of(object.get(flags, name, 0)) == 1

# enabled lists the names among names that are on in flags (a LoginActionFlag); a missing or
# null flag object has none.
enabled(flags, names) := [n | some n in names; on(flags, n)] if is_object(flags)

else := []
