package collectors

import (
	"context"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"

	"github.com/tsa-scanner/tsa/inventory"
)

// cvmCollector reads CVM instances, the region's instance quotas and placement groups.
var cvmCollector = Collector{
	Product: "cvm",
	Service: "cvm",
	Actions: []string{"DescribeInstances", "DescribeAccountQuota", "DescribeDisasterRecoverGroups"},
	Collect: collectCVM,
}

func collectCVM(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, cvm.NewClient)
	if err != nil {
		return nil, err
	}
	var out []inventory.Resource
	instances, err := pages(ctx, c, "cvm:DescribeInstances", []string{"cvm.instance"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*cvm.Instance, int, error) {
			req := cvm.NewDescribeInstancesRequest()
			req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
			resp, err := cl.DescribeInstancesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.InstanceSet, int(deref(resp.Response.TotalCount)), nil
		})
	if err == nil {
		for _, in := range instances {
			if in == nil {
				continue
			}
			zone := ""
			if in.Placement != nil {
				zone = str(in.Placement.Zone)
			}
			out = append(out, c.resource("cvm.instance", str(in.InstanceId), str(in.InstanceName), zone, tagMap(in.Tags, cvmTag), in))
		}
	}

	quota, err := call(ctx, c, "cvm:DescribeAccountQuota", func(ctx context.Context) (*cvm.DescribeAccountQuotaResponse, error) {
		return cl.DescribeAccountQuotaWithContext(ctx, cvm.NewDescribeAccountQuotaRequest())
	})
	c.record("cvm:DescribeAccountQuota", []string{"cvm.quota"}, err)
	if err == nil && quota.Response.AccountQuotaOverview != nil {
		out = append(out, c.resource("cvm.quota", "cvm-quota/"+c.Region, "", "", nil, quota.Response.AccountQuotaOverview))
	}

	groups, err := pages(ctx, c, "cvm:DescribeDisasterRecoverGroups", []string{"cvm.placement_group"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*cvm.DisasterRecoverGroup, int, error) {
			req := cvm.NewDescribeDisasterRecoverGroupsRequest()
			req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
			resp, err := cl.DescribeDisasterRecoverGroupsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.DisasterRecoverGroupSet, int(deref(resp.Response.TotalCount)), nil
		})
	if err == nil {
		for _, g := range groups {
			if g != nil {
				out = append(out, c.resource("cvm.placement_group", str(g.DisasterRecoverGroupId), str(g.Name), "", tagMap(g.Tags, cvmTag), g))
			}
		}
	}
	return out, nil
}

// deref returns the value of an SDK numeric pointer, or zero.
func deref[T int64 | uint64](p *T) T {
	if p == nil {
		return 0
	}
	return *p
}

func cvmTag(t *cvm.Tag) (*string, *string) { return t.Key, t.Value }
