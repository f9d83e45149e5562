package collectors

import (
	"context"

	clb "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/clb/v20180317"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tsa-scanner/tsa/inventory"
)

// clbCollector reads load balancers with their listeners, bound targets and target health, and
// the region's CLB quotas.
var clbCollector = Collector{
	Product: "clb",
	Service: "clb",
	Actions: []string{"DescribeLoadBalancers", "DescribeListeners", "DescribeTargets", "DescribeTargetHealth", "DescribeQuota"},
	Collect: collectCLB,
}

// healthBatch is the most load balancers DescribeTargetHealth answers for in one call.
const healthBatch = 30

func collectCLB(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, clb.NewClient)
	if err != nil {
		return nil, err
	}
	var out []inventory.Resource
	quota, err := call(ctx, c, "clb:DescribeQuota", func(ctx context.Context) (*clb.DescribeQuotaResponse, error) {
		return cl.DescribeQuotaWithContext(ctx, clb.NewDescribeQuotaRequest())
	})
	c.record("clb:DescribeQuota", []string{"clb.quota"}, err)
	if err == nil && len(quota.Response.QuotaSet) > 0 {
		quota.Response.RequestId = nil
		out = append(out, c.resource("clb.quota", "clb-quota/"+c.Region, "", "", nil, quota.Response))
	}

	found, _, _ := list(ctx, c, "clb:DescribeLoadBalancers", "clb.load_balancer", listLimit,
		func(ctx context.Context, offset, limit int) ([]*clb.LoadBalancer, int, error) {
			req := clb.NewDescribeLoadBalancersRequest()
			req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
			resp, err := cl.DescribeLoadBalancersWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.LoadBalancerSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(lb *clb.LoadBalancer) about {
			zone := ""
			if lb.MasterZone != nil {
				zone = str(lb.MasterZone.Zone)
			}
			return about{str(lb.LoadBalancerId), str(lb.LoadBalancerName), zone, tagMap(lb.Tags, clbTag)}
		})
	for i := range found {
		r := &found[i]
		join(ctx, c, r, "clb:DescribeListeners", "listeners",
			func(ctx context.Context) (*clb.DescribeListenersResponse, error) {
				req := clb.NewDescribeListenersRequest()
				req.LoadBalancerId = common.StringPtr(r.ID)
				return cl.DescribeListenersWithContext(ctx, req)
			},
			func(resp *clb.DescribeListenersResponse) any { return orEmpty(resp.Response.Listeners) })
		join(ctx, c, r, "clb:DescribeTargets", "targets",
			func(ctx context.Context) (*clb.DescribeTargetsResponse, error) {
				req := clb.NewDescribeTargetsRequest()
				req.LoadBalancerId = common.StringPtr(r.ID)
				return cl.DescribeTargetsWithContext(ctx, req)
			},
			func(resp *clb.DescribeTargetsResponse) any { return orEmpty(resp.Response.Listeners) })
	}
	for start := 0; start < len(found); start += healthBatch {
		clbHealth(ctx, c, cl, found[start:min(start+healthBatch, len(found))])
	}
	return withZoneNames(ctx, c, append(out, found...)), ctx.Err()
}

// clbHealth reads the target health of up to healthBatch load balancers in one call and gives
// each its own part. A load balancer the answer leaves out has no target to check: it gets an
// entry with its id and name and no Listeners.
func clbHealth(ctx context.Context, c *Client, cl *clb.Client, batch []inventory.Resource) {
	ids := make([]string, len(batch))
	for i, r := range batch {
		ids[i] = r.ID
	}
	resp, err := call(ctx, c, "clb:DescribeTargetHealth", func(ctx context.Context) (*clb.DescribeTargetHealthResponse, error) {
		req := clb.NewDescribeTargetHealthRequest()
		req.LoadBalancerIds = common.StringPtrs(ids)
		return cl.DescribeTargetHealthWithContext(ctx, req)
	})
	c.record("clb:DescribeTargetHealth", nil, err)
	byID := map[string]*clb.LoadBalancerHealth{}
	if err == nil {
		for _, h := range resp.Response.LoadBalancers {
			if h != nil {
				byID[str(h.LoadBalancerId)] = h
			}
		}
	}
	for i := range batch {
		r := &batch[i]
		if err != nil {
			addGap(r, "clb:DescribeTargetHealth", "health", ErrorCode(err))
			continue
		}
		h, ok := byID[r.ID]
		if !ok {
			h = &clb.LoadBalancerHealth{LoadBalancerId: common.StringPtr(r.ID), LoadBalancerName: common.StringPtr(r.Name)}
		}
		setRelated(r, "health", h)
	}
}

func clbTag(t *clb.TagInfo) (*string, *string) { return t.TagKey, t.TagValue }
