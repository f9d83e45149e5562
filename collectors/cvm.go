package collectors

import (
	"context"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"

	"github.com/tsa-scanner/tsa/inventory"
)

// cvmCollector reads CVM instances, the region's instance quotas and placement groups.
// DescribeZones is the zone list every collector names numeric zone ids with (zones.go).
var cvmCollector = Collector{
	Product: "cvm",
	Service: "cvm",
	Actions: []string{"DescribeInstances", "DescribeAccountQuota", "DescribeDisasterRecoverGroups", "DescribeZones"},
	Collect: collectCVM,
}

func collectCVM(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, cvm.NewClient)
	if err != nil {
		return nil, err
	}
	out, _, _ := list(ctx, c, "cvm:DescribeInstances", "cvm.instance", listLimit,
		func(ctx context.Context, offset, limit int) ([]*cvm.Instance, int, error) {
			req := cvm.NewDescribeInstancesRequest()
			req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
			resp, err := cl.DescribeInstancesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.InstanceSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(in *cvm.Instance) about {
			zone := ""
			if in.Placement != nil {
				zone = str(in.Placement.Zone)
			}
			return about{str(in.InstanceId), str(in.InstanceName), zone, tagMap(in.Tags, cvmTag)}
		})
	if ctx.Err() != nil {
		return withZoneNames(ctx, c, out), ctx.Err()
	}

	quota, err := call(ctx, c, "cvm:DescribeAccountQuota", func(ctx context.Context) (*cvm.DescribeAccountQuotaResponse, error) {
		return cl.DescribeAccountQuotaWithContext(ctx, cvm.NewDescribeAccountQuotaRequest())
	})
	c.record("cvm:DescribeAccountQuota", []string{"cvm.quota"}, err)
	if err == nil && quota.Response.AccountQuotaOverview != nil {
		out = append(out, c.resource("cvm.quota", "cvm-quota/"+c.Region, "", "", nil, quota.Response.AccountQuotaOverview))
	}

	groups, _, _ := list(ctx, c, "cvm:DescribeDisasterRecoverGroups", "cvm.placement_group", listLimit,
		func(ctx context.Context, offset, limit int) ([]*cvm.DisasterRecoverGroup, int, error) {
			req := cvm.NewDescribeDisasterRecoverGroupsRequest()
			req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
			resp, err := cl.DescribeDisasterRecoverGroupsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.DisasterRecoverGroupSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(g *cvm.DisasterRecoverGroup) about {
			return about{str(g.DisasterRecoverGroupId), str(g.Name), "", tagMap(g.Tags, cvmTag)}
		})
	return withZoneNames(ctx, c, append(out, groups...)), ctx.Err()
}

// deref returns the value of an SDK numeric pointer, or zero.
func deref[T int64 | uint64](p *T) T {
	if p == nil {
		return 0
	}
	return *p
}

func cvmTag(t *cvm.Tag) (*string, *string) { return t.Key, t.Value }
