package collectors

import (
	"context"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	mongodb "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/mongodb/v20190725"

	"github.com/tsa-scanner/tsa/inventory"
)

// mongodbCollector reads TencentDB for MongoDB instances with their backups.
var mongodbCollector = Collector{
	Product: "mongodb",
	Service: "mongodb",
	Actions: []string{"DescribeDBInstances", "DescribeDBBackups"},
	Collect: collectMongoDB,
}

func collectMongoDB(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, mongodb.NewClient)
	if err != nil {
		return nil, err
	}
	out, _, _ := list(ctx, c, "mongodb:DescribeDBInstances", "mongodb.instance", listLimit,
		func(ctx context.Context, offset, limit int) ([]*mongodb.InstanceDetail, int, error) {
			req := mongodb.NewDescribeDBInstancesRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeDBInstancesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.InstanceDetails, int(deref(resp.Response.TotalCount)), nil
		},
		func(in *mongodb.InstanceDetail) about {
			return about{str(in.InstanceId), str(in.InstanceName), str(in.Zone), tagMap(in.Tags, mongoTag)}
		})
	for i := range out {
		r := &out[i]
		joinPages(ctx, c, r, "mongodb:DescribeDBBackups", "backups", listLimit,
			func(ctx context.Context, offset, limit int) ([]*mongodb.BackupInfo, int, error) {
				req := mongodb.NewDescribeDBBackupsRequest()
				req.InstanceId = common.StringPtr(r.ID)
				req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
				resp, err := cl.DescribeDBBackupsWithContext(ctx, req)
				if err != nil {
					return nil, 0, err
				}
				return resp.Response.BackupList, int(deref(resp.Response.TotalCount)), nil
			})
	}
	return withZoneNames(ctx, c, out), ctx.Err()
}

func mongoTag(t *mongodb.TagInfo) (*string, *string) { return t.TagKey, t.TagValue }
