package collectors

import (
	"context"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tke "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tke/v20180525"

	"github.com/tsa-scanner/tsa/inventory"
)

// tkeCollector reads TKE clusters with their nodes.
var tkeCollector = Collector{
	Product: "tke",
	Service: "tke",
	Actions: []string{"DescribeClusters", "DescribeClusterInstances"},
	Collect: collectTKE,
}

func collectTKE(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, tke.NewClient)
	if err != nil {
		return nil, err
	}
	out, _, _ := list(ctx, c, "tke:DescribeClusters", "tke.cluster", listLimit,
		func(ctx context.Context, offset, limit int) ([]*tke.Cluster, int, error) {
			req := tke.NewDescribeClustersRequest()
			req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
			resp, err := cl.DescribeClustersWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.Clusters, int(deref(resp.Response.TotalCount)), nil
		},
		func(cluster *tke.Cluster) about {
			return about{str(cluster.ClusterId), str(cluster.ClusterName), "", tagMap(tkeTags(cluster.TagSpecification), tkeTag)}
		})
	for i := range out {
		r := &out[i]
		joinPages(ctx, c, r, "tke:DescribeClusterInstances", "instances", listLimit,
			func(ctx context.Context, offset, limit int) ([]*tke.Instance, int, error) {
				req := tke.NewDescribeClusterInstancesRequest()
				req.ClusterId = common.StringPtr(r.ID)
				req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
				resp, err := cl.DescribeClusterInstancesWithContext(ctx, req)
				if err != nil {
					return nil, 0, err
				}
				return resp.Response.InstanceSet, int(deref(resp.Response.TotalCount)), nil
			})
	}
	return out, ctx.Err()
}

// tkeTags flattens a cluster's tag specifications (one per resource type) into its tags.
func tkeTags(specs []*tke.TagSpecification) []*tke.Tag {
	var tags []*tke.Tag
	for _, s := range specs {
		if s != nil {
			tags = append(tags, s.Tags...)
		}
	}
	return tags
}

func tkeTag(t *tke.Tag) (*string, *string) { return t.Key, t.Value }
