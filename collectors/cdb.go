package collectors

import (
	"context"

	cdb "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cdb/v20170320"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tsa-scanner/tsa/inventory"
)

// cdbCollector reads TencentDB for MySQL instances with their backup settings, accounts and
// account privileges, read-only groups and security groups.
var cdbCollector = Collector{
	Product: "cdb",
	Service: "cdb",
	Actions: []string{"DescribeDBInstances", "DescribeBackupConfig", "DescribeAccounts", "DescribeAccountPrivileges",
		"DescribeRoGroups", "DescribeDBSecurityGroups"},
	Collect: collectCDB,
}

// cdbReadOnly is InstanceInfo.InstanceType of a read-only instance: its backups, accounts and
// read-only groups are its master's, so only its security groups are read.
const cdbReadOnly = 3

func collectCDB(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, cdb.NewClient)
	if err != nil {
		return nil, err
	}
	out, items, _ := list(ctx, c, "cdb:DescribeDBInstances", "cdb.instance", listLimit,
		func(ctx context.Context, offset, limit int) ([]*cdb.InstanceInfo, int, error) {
			req := cdb.NewDescribeDBInstancesRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeDBInstancesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.Items, int(deref(resp.Response.TotalCount)), nil
		},
		func(in *cdb.InstanceInfo) about {
			return about{str(in.InstanceId), str(in.InstanceName), str(in.Zone), tagMap(in.TagList, cdbTag)}
		})
	for i, in := range items {
		r := &out[i]
		id := in.InstanceId
		if deref(in.InstanceType) != cdbReadOnly {
			join(ctx, c, r, "cdb:DescribeBackupConfig", "backup_config",
				func(ctx context.Context) (*cdb.DescribeBackupConfigResponse, error) {
					req := cdb.NewDescribeBackupConfigRequest()
					req.InstanceId = id
					return cl.DescribeBackupConfigWithContext(ctx, req)
				},
				func(resp *cdb.DescribeBackupConfigResponse) any {
					resp.Response.RequestId = nil
					return resp.Response
				})
			cdbAccounts(ctx, c, cl, r, id)
			join(ctx, c, r, "cdb:DescribeRoGroups", "ro_groups",
				func(ctx context.Context) (*cdb.DescribeRoGroupsResponse, error) {
					req := cdb.NewDescribeRoGroupsRequest()
					req.InstanceId = id
					return cl.DescribeRoGroupsWithContext(ctx, req)
				},
				func(resp *cdb.DescribeRoGroupsResponse) any { return orEmpty(resp.Response.RoGroups) })
		}
		join(ctx, c, r, "cdb:DescribeDBSecurityGroups", "security_groups",
			func(ctx context.Context) (*cdb.DescribeDBSecurityGroupsResponse, error) {
				req := cdb.NewDescribeDBSecurityGroupsRequest()
				req.InstanceId = id
				return cl.DescribeDBSecurityGroupsWithContext(ctx, req)
			},
			func(resp *cdb.DescribeDBSecurityGroupsResponse) any { return orEmpty(resp.Response.Groups) })
	}
	return withZoneNames(ctx, c, out), ctx.Err()
}

// cdbAccounts reads an instance's accounts and each account's privileges. The privileges map
// is keyed "<User>@<Host>" and is left out whole when any account's privileges could not be
// read, so a rule never mistakes a missing account for one without privileges.
func cdbAccounts(ctx context.Context, c *Client, cl *cdb.Client, r *inventory.Resource, id *string) {
	accounts, err := joinPages(ctx, c, r, "cdb:DescribeAccounts", "accounts", listLimit,
		func(ctx context.Context, offset, limit int) ([]*cdb.AccountInfo, int, error) {
			req := cdb.NewDescribeAccountsRequest()
			req.InstanceId = id
			req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
			resp, err := cl.DescribeAccountsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.Items, int(deref(resp.Response.TotalCount)), nil
		})
	if err != nil {
		// The privileges are read per account: without the accounts they are unread too.
		addGap(r, "cdb:DescribeAccounts", "privileges", ErrorCode(err))
		return
	}
	privileges := map[string]*cdb.DescribeAccountPrivilegesResponseParams{}
	for _, a := range accounts {
		if a == nil {
			continue
		}
		resp, err := call(ctx, c, "cdb:DescribeAccountPrivileges", func(ctx context.Context) (*cdb.DescribeAccountPrivilegesResponse, error) {
			req := cdb.NewDescribeAccountPrivilegesRequest()
			req.InstanceId, req.User, req.Host = id, a.User, a.Host
			return cl.DescribeAccountPrivilegesWithContext(ctx, req)
		})
		c.record("cdb:DescribeAccountPrivileges", nil, err)
		if err != nil {
			addGap(r, "cdb:DescribeAccountPrivileges", "privileges", ErrorCode(err))
			return
		}
		resp.Response.RequestId = nil
		privileges[str(a.User)+"@"+str(a.Host)] = resp.Response
	}
	setRelated(r, "privileges", privileges)
}

func cdbTag(t *cdb.TagInfoItem) (*string, *string) { return t.TagKey, t.TagValue }
