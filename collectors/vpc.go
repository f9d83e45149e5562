package collectors

import (
	"context"
	"strconv"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	vpc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc/v20170312"

	"github.com/tsa-scanner/tsa/inventory"
)

// vpcCollector reads security groups with their policies (templates resolved, templates.go)
// and limits, and the VPC network (vpc_network.go): VPCs, subnets, route tables, EIPs, NAT and
// VPN gateways, network ACLs and the region's VPC quotas.
var vpcCollector = Collector{
	Product: "vpc",
	Service: "vpc",
	Actions: []string{
		"DescribeSecurityGroups", "DescribeSecurityGroupPolicies", "DescribeSecurityGroupLimits",
		"DescribeAddressTemplates", "DescribeAddressTemplateGroups", "DescribeServiceTemplates", "DescribeServiceTemplateGroups",
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
	out := collectSecurityGroups(ctx, c, cl)
	out = append(out, collectVPCNetwork(ctx, c, cl)...)
	return withZoneNames(ctx, c, out), ctx.Err()
}

// collectSecurityGroups reads security groups with their policies, and the region's security
// group limits. A cancelled scan keeps every group: one whose policies were not read carries a
// gap on "policies".
func collectSecurityGroups(ctx context.Context, c *Client, cl *vpc.Client) []inventory.Resource {
	sgs, _, _ := list(ctx, c, "vpc:DescribeSecurityGroups", "vpc.security_group", listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.SecurityGroup, int, error) {
			req := vpc.NewDescribeSecurityGroupsRequest()
			req.Offset, req.Limit = stringPage(offset, limit)
			resp, err := cl.DescribeSecurityGroupsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.SecurityGroupSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(sg *vpc.SecurityGroup) about {
			return about{str(sg.SecurityGroupId), str(sg.SecurityGroupName), "", tagMap(sg.TagSet, vpcTag)}
		})
	policies := make([]*vpc.SecurityGroupPolicySet, len(sgs))
	forEach(len(sgs), func(i int) {
		resp, err := join(ctx, c, &sgs[i], "vpc:DescribeSecurityGroupPolicies", "policies",
			func(ctx context.Context) (*vpc.DescribeSecurityGroupPoliciesResponse, error) {
				req := vpc.NewDescribeSecurityGroupPoliciesRequest()
				req.SecurityGroupId = common.StringPtr(sgs[i].ID)
				return cl.DescribeSecurityGroupPoliciesWithContext(ctx, req)
			},
			func(resp *vpc.DescribeSecurityGroupPoliciesResponse) any { return resp.Response.SecurityGroupPolicySet })
		if err == nil {
			policies[i] = resp.Response.SecurityGroupPolicySet
		}
	})
	resolveTemplates(ctx, c, cl, sgs, policies)
	out := sgs
	if ctx.Err() != nil {
		return out
	}

	limits, err := call(ctx, c, "vpc:DescribeSecurityGroupLimits", func(ctx context.Context) (*vpc.DescribeSecurityGroupLimitsResponse, error) {
		return cl.DescribeSecurityGroupLimitsWithContext(ctx, vpc.NewDescribeSecurityGroupLimitsRequest())
	})
	c.record("vpc:DescribeSecurityGroupLimits", []string{"vpc.security_group_limits"}, err)
	if err == nil && limits.Response.SecurityGroupLimitSet != nil {
		out = append(out, c.resource("vpc.security_group_limits", "vpc-sg-limits/"+c.Region, "", "", nil, limits.Response.SecurityGroupLimitSet))
	}
	return out
}

// stringPage is Offset/Limit as the strings several VPC actions take, as their SDK models say.
func stringPage(offset, limit int) (*string, *string) {
	return common.StringPtr(strconv.Itoa(offset)), common.StringPtr(strconv.Itoa(limit))
}

func vpcTag(t *vpc.Tag) (*string, *string) { return t.Key, t.Value }
