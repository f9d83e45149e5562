# Helpers for reading optional fields of API objects: the SDK omits empty lists and nil
# pointers, and hand-written payloads may carry null, so a rule reads lists through these.
package tsa.lib.fields

# list is the array at obj[key], or [] when obj is not an object or the field is missing,
# null or not an array.
list(obj, key) := v if {
	is_object(obj)
	v := object.get(obj, key, [])
	is_array(v)
} else := []

# str is the string at obj[key], or "" when obj is not an object or the field is missing, null
# or not a string.
str(obj, key) := v if {
	is_object(obj)
	v := object.get(obj, key, "")
	is_string(v)
} else := ""
