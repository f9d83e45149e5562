package collectors

import (
	"context"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"

	"github.com/tsa-scanner/tsa/inventory"
)

// cvmCollector reads CVM instances.
var cvmCollector = Collector{
	Product: "cvm",
	Service: "cvm",
	Actions: []string{"DescribeInstances"},
	Collect: collectCVM,
}

func collectCVM(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, cvm.NewClient)
	if err != nil {
		return nil, err
	}
	instances, err := pages(ctx, c, "cvm:DescribeInstances", []string{"cvm.instance"}, 100,
		func(ctx context.Context, offset, limit int) ([]*cvm.Instance, int, error) {
			req := cvm.NewDescribeInstancesRequest()
			req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
			resp, err := cl.DescribeInstancesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.InstanceSet, int(deref(resp.Response.TotalCount)), nil
		})
	if err != nil {
		return nil, ctx.Err()
	}
	out := make([]inventory.Resource, 0, len(instances))
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
