package collectors

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	vpc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc/v20170312"

	"github.com/tsa-scanner/tsa/inventory"
)

// vpcCollector reads security groups with their policies.
var vpcCollector = Collector{
	Product: "vpc",
	Service: "vpc",
	Actions: []string{"DescribeSecurityGroups", "DescribeSecurityGroupPolicies"},
	Collect: collectVPC,
}

func collectVPC(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, vpc.NewClient)
	if err != nil {
		return nil, err
	}
	groups, err := pages(ctx, c, "vpc:DescribeSecurityGroups", []string{"vpc.security_group"}, 100,
		func(ctx context.Context, offset, limit int) ([]*vpc.SecurityGroup, int, error) {
			req := vpc.NewDescribeSecurityGroupsRequest()
			// VPC pages with strings, as its SDK model says.
			req.Offset, req.Limit = common.StringPtr(strconv.Itoa(offset)), common.StringPtr(strconv.Itoa(limit))
			resp, err := cl.DescribeSecurityGroupsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.SecurityGroupSet, int(deref(resp.Response.TotalCount)), nil
		})
	if err != nil {
		return nil, ctx.Err()
	}
	groups = slices.DeleteFunc(groups, func(sg *vpc.SecurityGroup) bool { return sg == nil })
	out := make([]inventory.Resource, len(groups))
	// Every group is returned, even when the scan is cancelled half-way: a group whose policies
	// were not read carries a gap, so rules over it report unknown.
	forEach(len(groups), func(i int) {
		sg := groups[i]
		r := c.resource("vpc.security_group", str(sg.SecurityGroupId), str(sg.SecurityGroupName), "", tagMap(sg.TagSet, vpcTag), sg)
		req := vpc.NewDescribeSecurityGroupPoliciesRequest()
		req.SecurityGroupId = sg.SecurityGroupId
		resp, err := call(ctx, c, "vpc:DescribeSecurityGroupPolicies", func(ctx context.Context) (*vpc.DescribeSecurityGroupPoliciesResponse, error) {
			return cl.DescribeSecurityGroupPoliciesWithContext(ctx, req)
		})
		c.record("vpc:DescribeSecurityGroupPolicies", nil, err)
		if err != nil {
			r.Gaps = append(r.Gaps, inventory.Gap{Action: "vpc:DescribeSecurityGroupPolicies", Code: ErrorCode(err)})
		} else {
			r.Related = map[string]json.RawMessage{"policies": mustJSON(resp.Response.SecurityGroupPolicySet)}
		}
		out[i] = r
	})
	return out, nil
}

func vpcTag(t *vpc.Tag) (*string, *string) { return t.Key, t.Value }
