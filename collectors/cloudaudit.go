package collectors

import (
	"context"

	cloudaudit "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/tsa-scanner/tsa/inventory"
)

// cloudauditCollector reads the account's CloudAudit trails (跟踪集). Trails belong to the
// account, not to a region: ListAudits lists them all and its API page accepts only
// ap-guangzhou as the region, so the collector is global and always asks there.
var cloudauditCollector = Collector{
	Product: "cloudaudit",
	Service: "cloudaudit",
	Global:  true,
	Actions: []string{"ListAudits"},
	Collect: collectCloudAudit,
}

// cloudauditRegion is the only region ListAudits accepts.
const cloudauditRegion = "ap-guangzhou"

func collectCloudAudit(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, func(cred common.CredentialIface, _ string, cpf *profile.ClientProfile) (*cloudaudit.Client, error) {
		return cloudaudit.NewClient(cred, cloudauditRegion, cpf)
	})
	if err != nil {
		return nil, err
	}
	resp, err := call(ctx, c, "cloudaudit:ListAudits", func(ctx context.Context) (*cloudaudit.ListAuditsResponse, error) {
		return cl.ListAuditsWithContext(ctx, cloudaudit.NewListAuditsRequest())
	})
	c.record("cloudaudit:ListAudits", []string{"cloudaudit.trail"}, err)
	if err != nil {
		return nil, ctx.Err()
	}
	out := make([]inventory.Resource, 0, len(resp.Response.AuditSummarys))
	for _, a := range resp.Response.AuditSummarys {
		if a != nil {
			out = append(out, c.resource("cloudaudit.trail", str(a.AuditName), str(a.AuditName), "", nil, a))
		}
	}
	return out, nil
}
