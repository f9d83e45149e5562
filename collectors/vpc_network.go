package collectors

import (
	"context"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	vpc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc/v20170312"

	"github.com/tsa-scanner/tsa/inventory"
)

// vpcLimitTypes are the DescribeVpcLimits quotas the rules compare usage with. The API returns
// limits only; usage is counted from the Describe* lists.
var vpcLimitTypes = []string{
	"appid-max-vpcs", "vpc-max-subnets", "vpc-max-route-tables", "route-table-max-policies",
	"vpc-max-nat-gateways", "nat-gateway-max-eips", "nat-gateway-max-dnapts",
	"vpc-max-network-acls", "network-acl-max-inbound-policies", "network-acl-max-outbound-policies",
	"vpc-max-vpn-gateways", "vpn-gateway-max-custom-gateways",
}

// collectVPCNetwork reads the VPC network of a region. A failed list leaves its types out (the
// coverage record says so); a failed per-gateway DNAT read becomes a gap on that gateway.
func collectVPCNetwork(ctx context.Context, c *Client, cl *vpc.Client) []inventory.Resource {
	var out []inventory.Resource
	vpcs, _, _ := list(ctx, c, "vpc:DescribeVpcs", "vpc.vpc", listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.Vpc, int, error) {
			req := vpc.NewDescribeVpcsRequest()
			req.Offset, req.Limit = stringPage(offset, limit)
			resp, err := cl.DescribeVpcsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.VpcSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(v *vpc.Vpc) about { return about{str(v.VpcId), str(v.VpcName), "", tagMap(v.TagSet, vpcTag)} })
	out = append(out, vpcs...)

	subnets, _, _ := list(ctx, c, "vpc:DescribeSubnets", "vpc.subnet", listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.Subnet, int, error) {
			req := vpc.NewDescribeSubnetsRequest()
			req.Offset, req.Limit = stringPage(offset, limit)
			resp, err := cl.DescribeSubnetsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.SubnetSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(s *vpc.Subnet) about {
			return about{str(s.SubnetId), str(s.SubnetName), str(s.Zone), tagMap(s.TagSet, vpcTag)}
		})
	out = append(out, subnets...)

	tables, _, _ := list(ctx, c, "vpc:DescribeRouteTables", "vpc.route_table", listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.RouteTable, int, error) {
			req := vpc.NewDescribeRouteTablesRequest()
			req.Offset, req.Limit = stringPage(offset, limit)
			resp, err := cl.DescribeRouteTablesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.RouteTableSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(t *vpc.RouteTable) about {
			return about{str(t.RouteTableId), str(t.RouteTableName), "", tagMap(t.TagSet, vpcTag)}
		})
	out = append(out, tables...)

	addresses, _, _ := list(ctx, c, "vpc:DescribeAddresses", "vpc.address", listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.Address, int, error) {
			req := vpc.NewDescribeAddressesRequest()
			req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
			resp, err := cl.DescribeAddressesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.AddressSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(a *vpc.Address) about {
			return about{str(a.AddressId), str(a.AddressName), "", tagMap(a.TagSet, vpcTag)}
		})
	out = append(out, addresses...)
	if ctx.Err() != nil {
		return out
	}

	quota, err := call(ctx, c, "vpc:DescribeAddressQuota", func(ctx context.Context) (*vpc.DescribeAddressQuotaResponse, error) {
		return cl.DescribeAddressQuotaWithContext(ctx, vpc.NewDescribeAddressQuotaRequest())
	})
	c.record("vpc:DescribeAddressQuota", []string{"vpc.address_quota"}, err)
	if err == nil && len(quota.Response.QuotaSet) > 0 {
		data := vpc.DescribeAddressQuotaResponseParams{QuotaSet: quota.Response.QuotaSet}
		out = append(out, c.resource("vpc.address_quota", "vpc-address-quota/"+c.Region, "", "", nil, data))
	}

	limitsReq := vpc.NewDescribeVpcLimitsRequest()
	limitsReq.LimitTypes = common.StringPtrs(vpcLimitTypes)
	limits, err := call(ctx, c, "vpc:DescribeVpcLimits", func(ctx context.Context) (*vpc.DescribeVpcLimitsResponse, error) {
		return cl.DescribeVpcLimitsWithContext(ctx, limitsReq)
	})
	c.record("vpc:DescribeVpcLimits", []string{"vpc.limits"}, err)
	if err == nil && len(limits.Response.VpcLimitSet) > 0 {
		data := vpc.DescribeVpcLimitsResponseParams{VpcLimitSet: limits.Response.VpcLimitSet}
		out = append(out, c.resource("vpc.limits", "vpc-limits/"+c.Region, "", "", nil, data))
	}
	if ctx.Err() != nil {
		return out
	}

	out = append(out, collectNATGateways(ctx, c, cl)...)

	acls, _, _ := list(ctx, c, "vpc:DescribeNetworkAcls", "vpc.network_acl", listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.NetworkAcl, int, error) {
			req := vpc.NewDescribeNetworkAclsRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeNetworkAclsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.NetworkAclSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(a *vpc.NetworkAcl) about {
			return about{str(a.NetworkAclId), str(a.NetworkAclName), "", tagMap(a.TagSet, vpcTag)}
		})
	out = append(out, acls...)

	gateways, _, _ := list(ctx, c, "vpc:DescribeVpnGateways", "vpc.vpn_gateway", listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.VpnGateway, int, error) {
			req := vpc.NewDescribeVpnGatewaysRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeVpnGatewaysWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.VpnGatewaySet, int(deref(resp.Response.TotalCount)), nil
		},
		func(g *vpc.VpnGateway) about {
			return about{str(g.VpnGatewayId), str(g.VpnGatewayName), str(g.Zone), tagMap(g.TagSet, vpcTag)}
		})
	out = append(out, gateways...)

	conns, _, _ := list(ctx, c, "vpc:DescribeVpnConnections", "vpc.vpn_connection", listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.VpnConnection, int, error) {
			req := vpc.NewDescribeVpnConnectionsRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeVpnConnectionsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			// The pre-shared key is a secret: it must never reach the inventory, a report or the store.
			for _, conn := range resp.Response.VpnConnectionSet {
				if conn != nil {
					conn.PreShareKey = nil
				}
			}
			return resp.Response.VpnConnectionSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(conn *vpc.VpnConnection) about {
			return about{str(conn.VpnConnectionId), str(conn.VpnConnectionName), "", tagMap(conn.TagSet, vpcTag)}
		})
	return append(out, conns...)
}

// collectNATGateways reads the NAT gateways and, per gateway, its DNAT (port forwarding) rules.
func collectNATGateways(ctx context.Context, c *Client, cl *vpc.Client) []inventory.Resource {
	nats, _, _ := list(ctx, c, "vpc:DescribeNatGateways", "vpc.nat_gateway", listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.NatGateway, int, error) {
			req := vpc.NewDescribeNatGatewaysRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeNatGatewaysWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.NatGatewaySet, int(deref(resp.Response.TotalCount)), nil
		},
		func(n *vpc.NatGateway) about {
			return about{str(n.NatGatewayId), str(n.NatGatewayName), str(n.Zone), tagMap(n.TagSet, vpcTag)}
		})
	for i := range nats {
		r := &nats[i]
		joinPages(ctx, c, r, "vpc:DescribeNatGatewayDestinationIpPortTranslationNatRules", "dnat_rules", listLimit,
			func(ctx context.Context, offset, limit int) ([]*vpc.NatGatewayDestinationIpPortTranslationNatRule, int, error) {
				req := vpc.NewDescribeNatGatewayDestinationIpPortTranslationNatRulesRequest()
				req.NatGatewayIds = common.StringPtrs([]string{r.ID})
				req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
				resp, err := cl.DescribeNatGatewayDestinationIpPortTranslationNatRulesWithContext(ctx, req)
				if err != nil {
					return nil, 0, err
				}
				return resp.Response.NatGatewayDestinationIpPortTranslationNatRuleSet, int(deref(resp.Response.TotalCount)), nil
			})
	}
	return nats
}
