# METADATA
# title: Public bucket without hotlink protection
# description: >-
#   Anyone may read the bucket's objects and no referer allow- or block-list is enabled, so
#   other sites can embed or link its files and the owner pays for their traffic.
# scope: package
# custom:
#   id: TSA-COS-002
#   pillar: security
#   severity: medium
#   resource_types: [cos.bucket]
#   remediation: >-
#     Turn on hotlink protection for the bucket (COS console > the bucket > Security >
#     Hotlink protection) with an allowlist of your domains, or make the bucket private.
#   tam_recommendation: >-
#     Serve public files through CDN with referer protection and keep the origin bucket
#     private; this caps both hotlinking and surprise traffic bills.
#   references: []
#   params: {}
#   catalogue: SEC-12
package tsa.rules.cos.bucket_no_referer

import data.tsa.lib.cos

# referer reads the GetBucketReferer answer as {Status, RefererType, domains}; null when the
# bucket has none.
referer(bucket) := {
	"Status": object.get(conf, "Status", null),
	"RefererType": object.get(conf, "RefererType", null),
	"domains": [d |
		some d in domains(object.get(conf, "DomainList", []))
	],
} if {
	conf := cos.root(bucket.related.referer, "RefererConfiguration")
	is_object(conf)
} else := null

# domains reads DomainList as {"Domain": [...]}, {"Domain": "..."} or a plain list.
domains(l) := cos.values(l.Domain) if is_object(l)

else := cos.values(l)

protected(r) if {
	r != null
	r.Status == "Enabled"
	count(r.domains) > 0
}

deny contains finding if {
	some bucket in input.resources["cos.bucket"]
	"referer" in object.keys(bucket.related)
	cos.public_read(bucket)
	r := referer(bucket)
	not protected(r)
	finding := {
		"resource": bucket.id,
		"message": sprintf("bucket %s is publicly readable and has no hotlink protection enabled", [bucket.id]),
		"evidence": {"public_read": true, "referer": r},
	}
}
