package collectors

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	vpc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc/v20170312"

	"github.com/tsa-scanner/tsa/inventory"
)

// vpcCollector reads security groups with their policies and limits, and the VPC network
// (vpc_network.go): VPCs, subnets, route tables, EIPs, NAT and VPN gateways, network ACLs and
// the region's VPC quotas.
var vpcCollector = Collector{
	Product: "vpc",
	Service: "vpc",
	Actions: []string{
		"DescribeSecurityGroups", "DescribeSecurityGroupPolicies", "DescribeSecurityGroupLimits",
		"DescribeVpcs", "DescribeSubnets", "DescribeRouteTables",
		"DescribeAddresses", "DescribeAddressQuota", "DescribeVpcLimits",
		"DescribeNatGateways", "DescribeNatGatewayDestinationIpPortTranslationNatRules",
		"DescribeNetworkAcls", "DescribeVpnGateways", "DescribeVpnConnections",
	},
	Collect: collectVPC,
}

func collectVPC(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, vpc.NewClient)
	if err != nil {
		return nil, err
	}
	out, err := collectSecurityGroups(ctx, c, cl)
	if err != nil {
		return nil, err
	}
	network, err := collectVPCNetwork(ctx, c, cl)
	if err != nil {
		return nil, err
	}
	return append(out, network...), nil
}

// collectSecurityGroups reads security groups with their policies, and the region's security
// group limits. The returned error is only ever the context's.
func collectSecurityGroups(ctx context.Context, c *Client, cl *vpc.Client) ([]inventory.Resource, error) {
	var out []inventory.Resource
	groups, err := pages(ctx, c, "vpc:DescribeSecurityGroups", []string{"vpc.security_group"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.SecurityGroup, int, error) {
			req := vpc.NewDescribeSecurityGroupsRequest()
			req.Offset, req.Limit = stringPage(offset, limit)
			resp, err := cl.DescribeSecurityGroupsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.SecurityGroupSet, int(deref(resp.Response.TotalCount)), nil
		})
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err == nil {
		for _, sg := range groups {
			if sg == nil {
				continue
			}
			r := c.resource("vpc.security_group", str(sg.SecurityGroupId), str(sg.SecurityGroupName), "", tagMap(sg.TagSet, vpcTag), sg)
			req := vpc.NewDescribeSecurityGroupPoliciesRequest()
			req.SecurityGroupId = sg.SecurityGroupId
			resp, err := call(ctx, c, "vpc:DescribeSecurityGroupPolicies", func(ctx context.Context) (*vpc.DescribeSecurityGroupPoliciesResponse, error) {
				return cl.DescribeSecurityGroupPoliciesWithContext(ctx, req)
			})
			c.record("vpc:DescribeSecurityGroupPolicies", nil, err)
			if err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				r.Gaps = append(r.Gaps, inventory.Gap{Action: "vpc:DescribeSecurityGroupPolicies", Code: ErrorCode(err)})
			} else {
				r.Related = map[string]json.RawMessage{"policies": mustJSON(resp.Response.SecurityGroupPolicySet)}
			}
			out = append(out, r)
		}
	}

	limits, err := call(ctx, c, "vpc:DescribeSecurityGroupLimits", func(ctx context.Context) (*vpc.DescribeSecurityGroupLimitsResponse, error) {
		return cl.DescribeSecurityGroupLimitsWithContext(ctx, vpc.NewDescribeSecurityGroupLimitsRequest())
	})
	c.record("vpc:DescribeSecurityGroupLimits", []string{"vpc.security_group_limits"}, err)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err == nil && limits.Response.SecurityGroupLimitSet != nil {
		out = append(out, c.resource("vpc.security_group_limits", "vpc-sg-limits/"+c.Region, "", "", nil, limits.Response.SecurityGroupLimitSet))
	}
	return out, nil
}

// stringPage is Offset/Limit as the strings several VPC actions take, as their SDK models say.
func stringPage(offset, limit int) (*string, *string) {
	return common.StringPtr(strconv.Itoa(offset)), common.StringPtr(strconv.Itoa(limit))
}

func vpcTag(t *vpc.Tag) (*string, *string) { return t.Key, t.Value }
