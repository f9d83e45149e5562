package collectors

import (
	"context"
	"encoding/json"

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
	clusters, err := pages(ctx, c, "tke:DescribeClusters", []string{"tke.cluster"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*tke.Cluster, int, error) {
			req := tke.NewDescribeClustersRequest()
			req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
			resp, err := cl.DescribeClustersWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.Clusters, int(deref(resp.Response.TotalCount)), nil
		})
	if err != nil {
		return nil, ctx.Err()
	}
	out := make([]inventory.Resource, 0, len(clusters))
	for _, cluster := range clusters {
		if cluster == nil {
			continue
		}
		r := c.resource("tke.cluster", str(cluster.ClusterId), str(cluster.ClusterName), "",
			tagMap(tkeTags(cluster.TagSpecification), tkeTag), cluster)
		nodes, err := tkeNodes(ctx, c, cl, str(cluster.ClusterId))
		if err != nil {
			r.Gaps = append(r.Gaps, inventory.Gap{Action: "tke:DescribeClusterInstances", Code: ErrorCode(err)})
		} else {
			r.Related = map[string]json.RawMessage{"instances": mustJSON(nodes)}
		}
		out = append(out, r)
	}
	return out, nil
}

// tkeNodes reads every page of a cluster's nodes; the action's coverage is merged over all
// clusters of the region.
func tkeNodes(ctx context.Context, c *Client, cl *tke.Client, clusterID string) ([]*tke.Instance, error) {
	nodes := []*tke.Instance{}
	for {
		req := tke.NewDescribeClusterInstancesRequest()
		req.ClusterId = common.StringPtr(clusterID)
		req.Offset, req.Limit = common.Int64Ptr(int64(len(nodes))), common.Int64Ptr(int64(listLimit))
		resp, err := call(ctx, c, "tke:DescribeClusterInstances", func(ctx context.Context) (*tke.DescribeClusterInstancesResponse, error) {
			return cl.DescribeClusterInstancesWithContext(ctx, req)
		})
		c.record("tke:DescribeClusterInstances", nil, err)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, resp.Response.InstanceSet...)
		if len(resp.Response.InstanceSet) == 0 || uint64(len(nodes)) >= deref(resp.Response.TotalCount) {
			return nodes, nil
		}
	}
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
