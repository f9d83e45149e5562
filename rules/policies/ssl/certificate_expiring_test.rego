package tsa.rules.ssl.certificate_expiring_test

import data.tsa.rules.ssl.certificate_expiring as rule

params := {"TSA-SSL-001": {"medium_days": 30}}

now := "2026-11-27T00:00:00Z"

cert(end, bound) := {"id": "cert-test0001", "name": "www", "data": {"CertificateId": "cert-test0001", "Domain": "www.example.com", "CertEndTime": end, "BoundResource": bound}}

lb(listeners) := {"id": "lb-test0001", "name": "web", "data": {}, "related": {"listeners": listeners}}

https(cert_id) := {"ListenerId": "lbl-443", "Protocol": "HTTPS", "Port": 443, "Certificate": {"SSLMode": "UNIDIRECTIONAL", "CertId": cert_id}}

run(certs, lbs) := r if {
	r := rule.deny with input as {"now": now, "params": params, "resources": {"ssl.certificate": certs, "clb.load_balancer": lbs}}
}

test_expired_cert_on_clb_fails_high if {
	some f in run([cert("2026-11-20 07:59:59", [])], [lb([https("cert-test0001")])])
	f.severity == "high"
	f.evidence.clb_listeners == ["lb-test0001/lbl-443"]
	contains(f.message, "expired on")
}

test_expiring_cert_with_bound_resource_fails_medium if {
	some f in run([cert("2026-12-10 08:00:00", ["clb"])], [])
	f.severity == "medium"
	f.evidence.days_left == 13
}

test_cert_on_rule_or_extra_cert_counts if {
	l := {"ListenerId": "lbl-1", "Protocol": "HTTPS", "Rules": [{"LocationId": "loc-1", "Certificate": {"CertId": "other", "ExtCertIds": ["cert-test0001"]}}]}
	count(run([cert("2026-12-01 08:00:00", null)], [lb([l])])) == 1
}

test_exactly_30_days_fails if {
	count(run([cert("2026-12-27 08:00:00", ["cdn"])], [])) == 1
}

test_31_days_passes if {
	count(run([cert("2026-12-28 08:00:00", ["cdn"])], [])) == 0
}

test_unused_expired_cert_passes if {
	count(run([cert("2026-01-01 08:00:00", [])], [lb([https("another-cert")])])) == 0
}

test_missing_end_time_passes if {
	count(run([{"id": "cert-x", "name": "x", "data": {"BoundResource": ["clb"]}}], [])) == 0
	count(run([{"id": "cert-x", "name": "x", "data": {"CertEndTime": "", "BoundResource": ["clb"]}}], [])) == 0
}

test_listener_without_certificate_ignored if {
	count(run([cert("2026-12-01 08:00:00", [])], [lb([{"ListenerId": "lbl-80", "Protocol": "HTTP", "Certificate": null}])])) == 0
}

test_null_bound_resource_without_listeners_passes if {
	count(run([cert("2026-12-01 08:00:00", null)], [])) == 0
}

test_unreadable_end_time_unknown if {
	some end in [null, "", "someday"]
	count(run([cert(end, ["clb"])], [])) == 0
	count(rule.unknown) == 1 with input as {"now": now, "params": params, "resources": {"ssl.certificate": [cert(end, ["clb"])], "clb.load_balancer": []}}
}

test_expiring_certificate_without_bound_resources_unknown if {
	c := cert("2026-12-01 00:00:00", null)
	count(run([c], [])) == 0
	count(rule.unknown) == 1 with input as {"now": now, "params": params, "resources": {"ssl.certificate": [c], "clb.load_balancer": []}}
	count(rule.unknown) == 0 with input as {"now": now, "params": params, "resources": {"ssl.certificate": [c], "clb.load_balancer": [lb([https("cert-test0001")])]}}
}
