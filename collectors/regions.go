package collectors

import (
	"context"
	"sort"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	region "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/region/v20220627"
)

// DiscoverRegions lists the regions where CVM is offered, through the region service.
func DiscoverRegions(ctx context.Context, c *Client) ([]string, error) {
	cl, err := newSDK(c, region.NewClient)
	if err != nil {
		return nil, err
	}
	req := region.NewDescribeRegionsRequest()
	req.Product = common.StringPtr("cvm")
	resp, err := call(ctx, c, "region:DescribeRegions", func(ctx context.Context) (*region.DescribeRegionsResponse, error) {
		return cl.DescribeRegionsWithContext(ctx, req)
	})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range resp.Response.RegionSet {
		if r != nil && str(r.RegionState) != "UNAVAILABLE" && str(r.Region) != "" {
			out = append(out, *r.Region)
		}
	}
	sort.Strings(out)
	return out, nil
}
