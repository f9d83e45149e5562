package collectors

import (
	"context"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	redis "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/redis/v20180412"

	"github.com/tsa-scanner/tsa/inventory"
)

// redisCollector reads TencentDB for Redis instances with their parameters.
var redisCollector = Collector{
	Product: "redis",
	Service: "redis",
	Actions: []string{"DescribeInstances", "DescribeInstanceParams"},
	Collect: collectRedis,
}

// redisMaster is RedisNodeInfo.NodeType of the master node.
const redisMaster = 0

func collectRedis(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, redis.NewClient)
	if err != nil {
		return nil, err
	}
	// Full pages keep every Offset a multiple of Limit, as the API requires.
	instances, err := alignedPages(ctx, c, "redis:DescribeInstances", []string{"redis.instance"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*redis.InstanceSet, int, error) {
			req := redis.NewDescribeInstancesRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeInstancesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.InstanceSet, int(deref(resp.Response.TotalCount)), nil
		})
	if err != nil {
		return nil, ctx.Err()
	}
	out := make([]inventory.Resource, 0, len(instances))
	for _, in := range instances {
		if in == nil {
			continue
		}
		r := c.resource("redis.instance", str(in.InstanceId), str(in.InstanceName), redisZone(in), tagMap(in.InstanceTags, redisTag), in)
		fetchRelated(ctx, c, &r, "redis:DescribeInstanceParams", "params",
			func(ctx context.Context) (*redis.DescribeInstanceParamsResponse, error) {
				req := redis.NewDescribeInstanceParamsRequest()
				req.InstanceId = in.InstanceId
				return cl.DescribeInstanceParamsWithContext(ctx, req)
			},
			func(resp *redis.DescribeInstanceParamsResponse) any {
				resp.Response.RequestId = nil
				return resp.Response
			})
		out = append(out, r)
	}
	return out, nil
}

// redisZone is the zone of the master node; InstanceSet itself only has a numeric ZoneId.
func redisZone(in *redis.InstanceSet) string {
	for _, n := range in.NodeSet {
		if n != nil && n.NodeType != nil && *n.NodeType == redisMaster {
			return str(n.ZoneName)
		}
	}
	return ""
}

func redisTag(t *redis.InstanceTagInfo) (*string, *string) { return t.TagKey, t.TagValue }
