# METADATA
# title: Certificate in use expired or expiring
# description: >-
#   An SSL certificate that is in use (bound to a CLB listener, or listed with bound
#   resources) has expired (high) or expires within 30 days (medium): browsers and clients
#   then refuse the HTTPS service.
# scope: package
# custom:
#   id: TSA-SSL-001
#   pillar: security
#   severity: high
#   resource_types: [ssl.certificate]
#   joins: [clb.load_balancer]
#   reads: [data.CertEndTime, data.BoundResource]
#   remediation: >-
#     Renew or reissue the certificate in SSL Certificate Service and deploy the new one to
#     every CLB listener and resource using the old one; turn on auto-renewal where offered.
#   tam_recommendation: >-
#     Track certificate expiry centrally, turn on auto-renewal and hosted deployment, and
#     replace certificates at least two weeks before expiry.
#   references:
#     - https://tencentcloud.com/document/product/1007/53631
#     - https://www.tencentcloud.com/document/product/1007/36012
#     - https://cloud.tencent.com/document/product/400/84479
#   params:
#     medium_days: 30
#   catalogue: SEC-20
#   i18n:
#     zh-CN:
#       title: 使用中的证书已过期或即将过期
#       description: >-
#         正在使用（绑定到 CLB 监听器，或列出了关联资源）的 SSL 证书已过期（高风险）或将在 30 天内过期（中风
#         险）：届时浏览器和客户端会拒绝该 HTTPS 服务。
#       remediation: >-
#         在 SSL 证书服务中续费或重新签发证书，并把新证书部署到所有使用旧证书的 CLB 监听器和资源上；支持时开启自
#         动续费。
#       tam_recommendation: >-
#         集中跟踪证书有效期，开启自动续费和证书托管，并至少在到期前两周完成替换。
package tsa.rules.ssl.certificate_expiring

import data.tsa.lib.dates

params := input.params["TSA-SSL-001"]

# listeners maps a certificate id to the CLB listeners (and rules) that serve it.
listeners[cert] contains sprintf("%s/%s", [lb.id, l.ListenerId]) if {
	some lb in input.resources["clb.load_balancer"]
	some l in lb.related.listeners
	some c in certificates(l)
	some cert in cert_ids(c)
}

certificates(l) := array.concat([object.get(l, "Certificate", null)], [object.get(r, "Certificate", null) | some r in object.get(l, "Rules", [])])

cert_ids(c) := {id | some id in array.concat([object.get(c, "CertId", null)], object.get(c, "ExtCertIds", [])); is_string(id)} if is_object(c)

else := set()

bound_to(cert) := {"clb_listeners": sort(object.get(listeners, cert.id, set())), "BoundResource": [x | some x in object.get(cert.data, "BoundResource", []); is_string(x)]}

in_use(b) if count(b.clb_listeners) > 0

in_use(b) if count(b.BoundResource) > 0

deny contains finding if {
	some cert in input.resources["ssl.certificate"]
	days := dates.days_until(cert.data.CertEndTime)
	days <= params.medium_days
	b := bound_to(cert)
	in_use(b)
	finding := {
		"resource": cert.id,
		"severity": severity(days),
		"message": message(cert, days),
		"evidence": {
			"CertEndTime": cert.data.CertEndTime,
			"days_left": floor(days),
			"Domain": object.get(cert.data, "Domain", null),
			"AutoRenewFlag": object.get(cert.data, "AutoRenewFlag", null),
			"clb_listeners": b.clb_listeners,
			"BoundResource": b.BoundResource,
		},
	}
}

severity(days) := "high" if days < 0

else := "medium"

message(cert, days) := sprintf("certificate %s (%s) in use expired on %s", [cert.id, object.get(cert.data, "Domain", ""), cert.data.CertEndTime]) if days < 0

else := sprintf("certificate %s (%s) in use expires in %d days (%s)", [cert.id, object.get(cert.data, "Domain", ""), floor(days), cert.data.CertEndTime])

unknown contains {"resource": cert.id, "reason": "its end time (CertEndTime) cannot be read"} if {
	some cert in input.resources["ssl.certificate"]
	not dates.readable(object.get(cert.data, "CertEndTime", null))
}

unknown contains {"resource": cert.id, "reason": "whether it is in use cannot be told: its bound resources (BoundResource) are missing and no CLB listener serves it"} if {
	some cert in input.resources["ssl.certificate"]
	dates.days_until(cert.data.CertEndTime) <= params.medium_days
	not is_array(object.get(cert.data, "BoundResource", null))
	count(object.get(listeners, cert.id, set())) == 0
}
