# Helpers for COS bucket configurations, which collectors store as the XML response turned into
# JSON with COS's element names.
package tsa.lib.cos

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
