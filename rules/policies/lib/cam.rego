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

# attached are a user's attached policies that are switched on (Deactived is 1 for one whose
# permissions CAM suspended).
attached(user) := [p |
	some p in user.related.policies
	is_object(p)
	not num.of(object.get(p, "Deactived", 0)) == 1
]

# custom is true for a custom policy (StrategyType "1"), whose document the collector fetches.
custom(p) if sprintf("%v", [object.get(p, "StrategyType", "")]) == "1"

# via says how a policy reaches the user: directly, or through the named groups.
via(p) := sprintf("group %s", [concat(", ", [sprintf("%v", [object.get(g, "GroupName", "?")]) | some g in p.Groups])]) if {
	is_array(p.Groups)
	count(p.Groups) > 0
} else := "direct"

# document is the decoded document of custom policy p from related.policy_documents (keyed by
# PolicyId); undefined when it was not read or does not parse into statements.
document(user, p) := doc if {
	docs := user.related.policy_documents
	is_object(docs)
	doc := decoded(docs[sprintf("%v", [object.get(p, "PolicyId", "")])])
	is_array(statements(doc))
}

decoded(raw) := json.unmarshal(raw) if {
	is_string(raw)
	json.is_valid(raw)
} else := raw if is_object(raw)

# unread_documents are the ids of the user's custom policies whose document is missing.
unread_documents(user) := [sprintf("%v", [object.get(p, "PolicyId", "?")]) |
	some p in attached(user)
	custom(p)
	not document(user, p)
]

# statements are a document's statements: CAM writes lowercase keys; one statement may come as
# an object instead of a list. Undefined when the document has none.
statements(doc) := [s | some s in as_list(key(doc, "statement")); is_object(s)] if {
	is_object(doc)
	key(doc, "statement") != null
}

as_list(x) := x if is_array(x)

else := [x]

key(obj, name) := obj[name] if is_object(obj)

else := obj[concat("", [upper(substring(name, 0, 1)), substring(name, 1, -1)])] if is_object(obj)

else := null

# strings reads a policy value that may be one string or a list of strings.
strings(x) := [x] if is_string(x)

else := [v | some v in x; is_string(v)] if is_array(x)

else := []

# grants is true when an allow statement of doc names one of actions on one of resources
# (compared in lower case).
grants(doc, actions, resources) if {
	some s in statements(doc)
	lower(concat("", strings(key(s, "effect")))) == "allow"
	some a in strings(key(s, "action"))
	lower(a) in actions
	some r in strings(key(s, "resource"))
	lower(r) in resources
}
