package collectors

import (
	"context"
	"fmt"
	"regexp"
	"sort"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	region "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/region/v20220627"
)

// DefaultMaxRegions bounds region discovery: Tencent Cloud has about 30 regions, and every
// region found multiplies the scan's calls.
const DefaultMaxRegions = 64

// regionName is the shape of a region name: ap-guangzhou, na-siliconvalley, ap-shanghai-fsi.
var regionName = regexp.MustCompile(`^[a-z]{2,4}(-[a-z0-9]{1,20}){1,3}$`)

// DiscoverRegions lists the regions where CVM is offered, through the region service. A name
// that is not a region name, or more regions than Settings.MaxRegions, fail discovery: the
// names become request headers and task keys, and their number the scan's size.
func DiscoverRegions(ctx context.Context, c *Client) ([]string, error) {
	cl, err := newSDK(c, region.NewClient)
	if err != nil {
		return nil, err
	}
	req := region.NewDescribeRegionsRequest()
	req.Product = common.StringPtr("cvm")
	const action = "region:DescribeRegions"
	resp, err := call(ctx, c, action, func(ctx context.Context) (*region.DescribeRegionsResponse, error) {
		return cl.DescribeRegionsWithContext(ctx, req)
	})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range resp.Response.RegionSet {
		if r == nil || str(r.RegionState) == "UNAVAILABLE" || str(r.Region) == "" {
			continue
		}
		if !regionName.MatchString(*r.Region) {
			return nil, callError(action, &tsaError{code: CodeRegionName, message: fmt.Sprintf(
				"the API listed %.40q as a region, which is not a region name (like ap-guangzhou)", *r.Region)})
		}
		out = append(out, *r.Region)
	}
	if max := c.caller.settings.MaxRegions; len(out) > max {
		return nil, callError(action, &tsaError{code: CodeRegions, message: fmt.Sprintf(
			"the API listed %d regions; tsa scans at most %d (limits.max_regions): list the regions to scan in the configuration",
			len(out), max)})
	}
	sort.Strings(out)
	return out, nil
}
