package collectors

import (
	"context"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	ssl "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/ssl/v20191205"

	"github.com/tsa-scanner/tsa/inventory"
)

// sslCollector reads the account's SSL certificates (a global list).
var sslCollector = Collector{
	Product: "ssl",
	Service: "ssl",
	Global:  true,
	Actions: []string{"DescribeCertificates"},
	Collect: collectSSL,
}

func collectSSL(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, ssl.NewClient)
	if err != nil {
		return nil, err
	}
	// The default page is 10 certificates; 1000 is the most one call returns.
	out, _, _ := list(ctx, c, "ssl:DescribeCertificates", "ssl.certificate", 1000,
		func(ctx context.Context, offset, limit int) ([]*ssl.Certificates, int, error) {
			req := ssl.NewDescribeCertificatesRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeCertificatesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.Certificates, int(deref(resp.Response.TotalCount)), nil
		},
		func(cert *ssl.Certificates) about {
			name := str(cert.Alias)
			if name == "" {
				name = str(cert.Domain)
			}
			return about{str(cert.CertificateId), name, "", tagMap(cert.Tags, sslTag)}
		})
	return out, ctx.Err()
}

func sslTag(t *ssl.Tags) (*string, *string) { return t.TagKey, t.TagValue }
