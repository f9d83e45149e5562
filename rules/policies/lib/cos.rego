# Helpers for cos.bucket: who the bucket's ACL and policy open it to. COS answers in XML; the
# collector stores each document as JSON with COS's element names, so the field access sits in
# the small accessors below (acl_grants, policy_statements) and tolerates the shapes XML takes
# as JSON: a root element or not, and one child as an object where several are an array.
package tsa.lib.cos

# public_grantees are the ACL groups meaning anyone (AllUsers) or any Tencent Cloud account
# (AuthenticatedUsers).
public_grantees := {
	"http://cam.qcloud.com/groups/global/AllUsers",
	"http://cam.qcloud.com/groups/global/AuthenticatedUsers",
}

# public_principals are the policy principals meaning anyone.
public_principals := {"*", "qcs::cam::anyone:anyone"}

# list reads an XML element that may hold one child (an object) or several (an array).
list(x) := x if is_array(x)

else := [x] if is_object(x)

else := []

# root unwraps a document's root element when the collector kept it.
root(doc, name) := doc[name] if is_object(doc[name])

else := doc

# acl_grants are the Grant elements of the bucket's GetBucketAcl answer.
acl_grants(bucket) := [g |
	acl := root(bucket.related.acl, "AccessControlPolicy")
	is_object(acl)
	some holder in list(object.get(acl, "AccessControlList", []))
	is_object(holder)
	some g in list(object.get(holder, "Grant", holder))
]

# policy_statements are the statements of the bucket's policy document (an object, or the
# document as a JSON string).
policy_statements(bucket) := list(field(document(bucket.related.policy), "Statement"))

document(p) := json.unmarshal(p) if {
	is_string(p)
	json.is_valid(p)
} else := p

# field reads a policy key whichever case the document writes it in (COS "Statement", CAM
# "statement").
field(obj, name) := v if {
	v := obj[name]
} else := v if {
	v := obj[lower(name)]
} else := null

# values reads a policy value that may be a string or an array of strings.
values(x) := [x] if is_string(x)

else := [v | some v in x; is_string(v)] if is_array(x)

else := []

# Grant permissions: what each lets anyone do.
read_permissions := {"READ", "FULL_CONTROL"}

write_permissions := {"WRITE", "WRITE_ACP", "FULL_CONTROL"}

# public_ids are the grantee ids meaning anyone: COS writes a grant to everyone with the ID
# qcs::cam::anyone:anyone instead of the AllUsers URI.
public_ids := {"qcs::cam::anyone:anyone"}

# public_acl_grants are the ACL grants to a public group or id, as {"grantee", "Permission"}.
public_acl_grants(bucket) := [{"grantee": who, "Permission": object.get(g, "Permission", null)} |
	some g in acl_grants(bucket)
	some who in public_grantee(object.get(g, "Grantee", {}))
]

public_grantee(grantee) := {v |
	some k in ["URI", "ID"]
	v := object.get(grantee, k, null)
	v in (public_grantees | public_ids)
}

# public_statements are the Allow statements of the policy whose principal is anyone and whose
# condition does not confine the requester to IP addresses or VPCs.
public_statements(bucket) := [s |
	some s in policy_statements(bucket)
	effect := field(s, "Effect")
	is_string(effect)
	lower(effect) == "allow"
	anyone(field(s, "Principal"))
	not confined(field(s, "Condition"))
]

# confining are the condition operators and keys that admit only listed sources: ip_equal on
# qcs:ip (ip_not_equal admits everyone else, so it does not confine), and string_equal on
# vpc:requester_vpc.
confining := {
	"ip_equal": {"qcs:ip"},
	"string_equal": {"vpc:requester_vpc"},
	"string_equal_ignore_case": {"vpc:requester_vpc"},
}

confined(cond) if {
	is_object(cond)
	some op, keys in cond
	is_object(keys)
	some k, v in keys
	lower(k) in confining[lower(op)]
	count(values(v)) > 0
}

anyone(p) if {
	some v in values(p)
	v in public_principals
}

anyone(p) if {
	is_object(p)
	some _, vs in p
	some v in values(vs)
	v in public_principals
}

# write_action is true for an action that adds, changes or deletes data (or any action).
write_action(a) if {
	verb := action_verb(a)
	regex.match(`^(\*|Put|Post|Delete|Append|Abort|Complete|Initiate|Upload|Restore)`, verb)
}

# read_action is true for an action that reads or lists data (or any action).
read_action(a) if {
	verb := action_verb(a)
	regex.match(`^(\*|Get|Head|List|Options)`, verb)
}

action_verb(a) := "*" if a == "*"

else := parts[count(parts) - 1] if {
	parts := split(a, ":")
	count(parts) > 1
}

# access is what anyone may do with the bucket: a set holding "read" and/or "write".
access(bucket) := {mode |
	some g in public_acl_grants(bucket)
	some mode in permission_modes(g.Permission)
} | {mode |
	some s in public_statements(bucket)
	some a in values(field(s, "Action"))
	some mode in action_modes(a)
}

permission_modes(p) := {m |
	is_string(p)
	some m, set in {"read": read_permissions, "write": write_permissions}
	upper(p) in set
}

action_modes(a) := {m |
	some m in {"read", "write"}
	action_mode(m, a)
}

action_mode("read", a) if read_action(a)

action_mode("write", a) if write_action(a)

# public_read is true when anyone may read the bucket's objects.
public_read(bucket) if "read" in access(bucket)

# public_write is true when anyone may write to the bucket.
public_write(bucket) if "write" in access(bucket)

# body is the document under its root element (e.g. VersioningConfiguration), whether or not
# the collector kept the root: {} when the root is present but empty or null, and the document
# itself when there is no root element. Undefined when doc is not an object.
body(doc, root) := v if {
	is_object(doc)
	v := doc[root]
	is_object(v)
} else := {} if {
	is_object(doc)
	root in object.keys(doc)
} else := doc if is_object(doc)
