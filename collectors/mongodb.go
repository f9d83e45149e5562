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
	instances, err := pages(ctx, c, "mongodb:DescribeDBInstances", []string{"mongodb.instance"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*mongodb.InstanceDetail, int, error) {
			req := mongodb.NewDescribeDBInstancesRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeDBInstancesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.InstanceDetails, int(deref(resp.Response.TotalCount)), nil
		})
	if err != nil {
		return nil, ctx.Err()
	}
	out := make([]inventory.Resource, 0, len(instances))
	for _, in := range instances {
		if in == nil {
			continue
		}
		r := c.resource("mongodb.instance", str(in.InstanceId), str(in.InstanceName), str(in.Zone), tagMap(in.Tags, mongoTag), in)
		backups, err := pages(ctx, c, "mongodb:DescribeDBBackups", nil, listLimit,
			func(ctx context.Context, offset, limit int) ([]*mongodb.BackupInfo, int, error) {
				req := mongodb.NewDescribeDBBackupsRequest()
				req.InstanceId = in.InstanceId
				req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
				resp, err := cl.DescribeDBBackupsWithContext(ctx, req)
				if err != nil {
					return nil, 0, err
				}
				return resp.Response.BackupList, int(deref(resp.Response.TotalCount)), nil
			})
		if err != nil {
			addGap(&r, "mongodb:DescribeDBBackups", err)
		} else {
			setRelated(&r, "backups", orEmpty(backups))
		}
		out = append(out, r)
	}
	return out, nil
}

func mongoTag(t *mongodb.TagInfo) (*string, *string) { return t.TagKey, t.TagValue }
