package collectors

import (
	"context"
	"strconv"

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
	out, _, _ := list(ctx, c, "redis:DescribeInstances", "redis.instance", listLimit,
		func(ctx context.Context, offset, limit int) ([]*redis.InstanceSet, int, error) {
			req := redis.NewDescribeInstancesRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeInstancesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.InstanceSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(in *redis.InstanceSet) about {
			return about{str(in.InstanceId), str(in.InstanceName), redisZone(in), tagMap(in.InstanceTags, redisTag)}
		})
	for i := range out {
		r := &out[i]
		join(ctx, c, r, "redis:DescribeInstanceParams", "params",
			func(ctx context.Context) (*redis.DescribeInstanceParamsResponse, error) {
				req := redis.NewDescribeInstanceParamsRequest()
				req.InstanceId = common.StringPtr(r.ID)
				return cl.DescribeInstanceParamsWithContext(ctx, req)
			},
			func(resp *redis.DescribeInstanceParamsResponse) any {
				resp.Response.RequestId = nil
				return resp.Response
			})
	}
	return withZoneNames(ctx, c, out), ctx.Err()
}

// redisZone is the zone of the master node, else the instance's numeric ZoneId (which
// withZoneNames turns into a name).
func redisZone(in *redis.InstanceSet) string {
	for _, n := range in.NodeSet {
		if n != nil && n.NodeType != nil && *n.NodeType == redisMaster && str(n.ZoneName) != "" {
			return str(n.ZoneName)
		}
	}
	if in.ZoneId != nil && *in.ZoneId > 0 {
		return strconv.FormatInt(*in.ZoneId, 10)
	}
	return ""
}

func redisTag(t *redis.InstanceTagInfo) (*string, *string) { return t.TagKey, t.TagValue }
