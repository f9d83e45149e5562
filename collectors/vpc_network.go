package collectors

import (
	"context"
	"encoding/json"

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
// coverage record says so); a failed per-gateway DNAT read becomes a gap on that gateway. The
// returned error is only ever the context's.
func collectVPCNetwork(ctx context.Context, c *Client, cl *vpc.Client) ([]inventory.Resource, error) {
	var out []inventory.Resource

	vpcs, _ := pages(ctx, c, "vpc:DescribeVpcs", []string{"vpc.vpc"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.Vpc, int, error) {
			req := vpc.NewDescribeVpcsRequest()
			req.Offset, req.Limit = stringPage(offset, limit)
			resp, err := cl.DescribeVpcsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.VpcSet, int(deref(resp.Response.TotalCount)), nil
		})
	for _, v := range vpcs {
		if v != nil {
			out = append(out, c.resource("vpc.vpc", str(v.VpcId), str(v.VpcName), "", tagMap(v.TagSet, vpcTag), v))
		}
	}

	subnets, _ := pages(ctx, c, "vpc:DescribeSubnets", []string{"vpc.subnet"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.Subnet, int, error) {
			req := vpc.NewDescribeSubnetsRequest()
			req.Offset, req.Limit = stringPage(offset, limit)
			resp, err := cl.DescribeSubnetsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.SubnetSet, int(deref(resp.Response.TotalCount)), nil
		})
	for _, s := range subnets {
		if s != nil {
			out = append(out, c.resource("vpc.subnet", str(s.SubnetId), str(s.SubnetName), str(s.Zone), tagMap(s.TagSet, vpcTag), s))
		}
	}

	tables, _ := pages(ctx, c, "vpc:DescribeRouteTables", []string{"vpc.route_table"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.RouteTable, int, error) {
			req := vpc.NewDescribeRouteTablesRequest()
			req.Offset, req.Limit = stringPage(offset, limit)
			resp, err := cl.DescribeRouteTablesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.RouteTableSet, int(deref(resp.Response.TotalCount)), nil
		})
	for _, t := range tables {
		if t != nil {
			out = append(out, c.resource("vpc.route_table", str(t.RouteTableId), str(t.RouteTableName), "", tagMap(t.TagSet, vpcTag), t))
		}
	}

	addresses, _ := pages(ctx, c, "vpc:DescribeAddresses", []string{"vpc.address"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.Address, int, error) {
			req := vpc.NewDescribeAddressesRequest()
			req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
			resp, err := cl.DescribeAddressesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.AddressSet, int(deref(resp.Response.TotalCount)), nil
		})
	for _, a := range addresses {
		if a != nil {
			out = append(out, c.resource("vpc.address", str(a.AddressId), str(a.AddressName), "", tagMap(a.TagSet, vpcTag), a))
		}
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

	nats, err := collectNATGateways(ctx, c, cl)
	if err != nil {
		return nil, err
	}
	out = append(out, nats...)

	acls, _ := pages(ctx, c, "vpc:DescribeNetworkAcls", []string{"vpc.network_acl"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.NetworkAcl, int, error) {
			req := vpc.NewDescribeNetworkAclsRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeNetworkAclsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.NetworkAclSet, int(deref(resp.Response.TotalCount)), nil
		})
	for _, a := range acls {
		if a != nil {
			out = append(out, c.resource("vpc.network_acl", str(a.NetworkAclId), str(a.NetworkAclName), "", tagMap(a.TagSet, vpcTag), a))
		}
	}

	gateways, _ := pages(ctx, c, "vpc:DescribeVpnGateways", []string{"vpc.vpn_gateway"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.VpnGateway, int, error) {
			req := vpc.NewDescribeVpnGatewaysRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeVpnGatewaysWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.VpnGatewaySet, int(deref(resp.Response.TotalCount)), nil
		})
	for _, g := range gateways {
		if g != nil {
			out = append(out, c.resource("vpc.vpn_gateway", str(g.VpnGatewayId), str(g.VpnGatewayName), str(g.Zone), tagMap(g.TagSet, vpcTag), g))
		}
	}

	conns, _ := pages(ctx, c, "vpc:DescribeVpnConnections", []string{"vpc.vpn_connection"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.VpnConnection, int, error) {
			req := vpc.NewDescribeVpnConnectionsRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeVpnConnectionsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.VpnConnectionSet, int(deref(resp.Response.TotalCount)), nil
		})
	for _, conn := range conns {
		if conn == nil {
			continue
		}
		// The pre-shared key is a secret: it must never reach the inventory, a report or the store.
		conn.PreShareKey = nil
		out = append(out, c.resource("vpc.vpn_connection", str(conn.VpnConnectionId), str(conn.VpnConnectionName), "", tagMap(conn.TagSet, vpcTag), conn))
	}
	return out, nil
}

// collectNATGateways reads the NAT gateways and, per gateway, its DNAT (port forwarding) rules.
func collectNATGateways(ctx context.Context, c *Client, cl *vpc.Client) ([]inventory.Resource, error) {
	const dnat = "vpc:DescribeNatGatewayDestinationIpPortTranslationNatRules"
	nats, _ := pages(ctx, c, "vpc:DescribeNatGateways", []string{"vpc.nat_gateway"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*vpc.NatGateway, int, error) {
			req := vpc.NewDescribeNatGatewaysRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeNatGatewaysWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.NatGatewaySet, int(deref(resp.Response.TotalCount)), nil
		})
	var out []inventory.Resource
	for _, n := range nats {
		if n == nil {
			continue
		}
		r := c.resource("vpc.nat_gateway", str(n.NatGatewayId), str(n.NatGatewayName), str(n.Zone), tagMap(n.TagSet, vpcTag), n)
		rules, err := pages(ctx, c, dnat, nil, listLimit,
			func(ctx context.Context, offset, limit int) ([]*vpc.NatGatewayDestinationIpPortTranslationNatRule, int, error) {
				req := vpc.NewDescribeNatGatewayDestinationIpPortTranslationNatRulesRequest()
				req.NatGatewayIds = []*string{n.NatGatewayId}
				req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
				resp, err := cl.DescribeNatGatewayDestinationIpPortTranslationNatRulesWithContext(ctx, req)
				if err != nil {
					return nil, 0, err
				}
				return resp.Response.NatGatewayDestinationIpPortTranslationNatRuleSet, int(deref(resp.Response.TotalCount)), nil
			})
		if err != nil {
			r.Gaps = append(r.Gaps, inventory.Gap{Action: dnat, Code: ErrorCode(err)})
		} else {
			if rules == nil {
				rules = []*vpc.NatGatewayDestinationIpPortTranslationNatRule{}
			}
			r.Related = map[string]json.RawMessage{"dnat_rules": mustJSON(rules)}
		}
		out = append(out, r)
	}
	return out, nil
}
