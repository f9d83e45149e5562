package collectors

import (
	"context"

	cbs "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cbs/v20170312"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tsa-scanner/tsa/inventory"
)

// cbsCollector reads cloud disks, with their snapshot-policy binding and snapshots, the
// scheduled snapshot policies and the region's disk configurations on sale.
var cbsCollector = Collector{
	Product: "cbs",
	Service: "cbs",
	Actions: []string{"DescribeDisks", "DescribeSnapshots", "DescribeAutoSnapshotPolicies", "DescribeDiskConfigQuota"},
	Collect: collectCBS,
}

func collectCBS(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, cbs.NewClient)
	if err != nil {
		return nil, err
	}
	disks, diskItems, _ := list(ctx, c, "cbs:DescribeDisks", "cbs.disk", listLimit,
		func(ctx context.Context, offset, limit int) ([]*cbs.Disk, int, error) {
			req := cbs.NewDescribeDisksRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			req.ReturnBindAutoSnapshotPolicy = common.BoolPtr(true)
			resp, err := cl.DescribeDisksWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.DiskSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(d *cbs.Disk) about {
			zone := ""
			if d.Placement != nil {
				zone = str(d.Placement.Zone)
			}
			return about{str(d.DiskId), str(d.DiskName), zone, tagMap(d.Tags, cbsTag)}
		})
	snapshots, snapItems, snapErr := list(ctx, c, "cbs:DescribeSnapshots", "cbs.snapshot", listLimit,
		func(ctx context.Context, offset, limit int) ([]*cbs.Snapshot, int, error) {
			req := cbs.NewDescribeSnapshotsRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeSnapshotsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.SnapshotSet, int(deref(resp.Response.TotalCount)), nil
		},
		func(s *cbs.Snapshot) about {
			zone := ""
			if s.Placement != nil {
				zone = str(s.Placement.Zone)
			}
			return about{str(s.SnapshotId), str(s.SnapshotName), zone, tagMap(s.Tags, cbsTag)}
		})
	// A disk's snapshots come from the region's snapshot list: without it a disk's backup state
	// is unknown, not "no snapshots".
	byDisk := map[string][]*cbs.Snapshot{}
	for _, s := range snapItems {
		byDisk[str(s.DiskId)] = append(byDisk[str(s.DiskId)], s)
	}
	for i, d := range diskItems {
		if snapErr != nil {
			addGap(&disks[i], "cbs:DescribeSnapshots", "snapshots", ErrorCode(snapErr))
		} else {
			setRelated(&disks[i], "snapshots", orEmpty(byDisk[str(d.DiskId)]))
		}
	}
	out := append(disks, snapshots...)
	out = append(out, collectCBSPolicies(ctx, c, cl)...)
	return withZoneNames(ctx, c, out), ctx.Err()
}

// collectCBSPolicies reads the scheduled snapshot policies and the disk configurations on sale
// (cbs.disk_quota).
func collectCBSPolicies(ctx context.Context, c *Client, cl *cbs.Client) []inventory.Resource {
	out, _, _ := list(ctx, c, "cbs:DescribeAutoSnapshotPolicies", "cbs.auto_snapshot_policy", listLimit,
		func(ctx context.Context, offset, limit int) ([]*cbs.AutoSnapshotPolicy, int, error) {
			req := cbs.NewDescribeAutoSnapshotPoliciesRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeAutoSnapshotPoliciesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.AutoSnapshotPolicySet, int(deref(resp.Response.TotalCount)), nil
		},
		func(p *cbs.AutoSnapshotPolicy) about {
			return about{str(p.AutoSnapshotPolicyId), str(p.AutoSnapshotPolicyName), "", tagMap(p.Tags, cbsTag)}
		})
	if ctx.Err() != nil {
		return out
	}

	req := cbs.NewDescribeDiskConfigQuotaRequest()
	// Every disk configuration of the region, both charge types, system and data disks.
	req.InquiryType = common.StringPtr("INQUIRY_CBS_CONFIG")
	quota, err := call(ctx, c, "cbs:DescribeDiskConfigQuota", func(ctx context.Context) (*cbs.DescribeDiskConfigQuotaResponse, error) {
		return cl.DescribeDiskConfigQuotaWithContext(ctx, req)
	})
	c.record("cbs:DescribeDiskConfigQuota", []string{"cbs.disk_quota"}, err)
	if err == nil && len(quota.Response.DiskConfigSet) > 0 {
		data := cbs.DescribeDiskConfigQuotaResponseParams{DiskConfigSet: quota.Response.DiskConfigSet}
		out = append(out, c.resource("cbs.disk_quota", "cbs-quota/"+c.Region, "", "", nil, data))
	}
	return out
}

func cbsTag(t *cbs.Tag) (*string, *string) { return t.Key, t.Value }
