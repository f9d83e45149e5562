package collectors

import (
	"context"
	"encoding/json"

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
	disks, diskErr := pages(ctx, c, "cbs:DescribeDisks", []string{"cbs.disk"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*cbs.Disk, int, error) {
			req := cbs.NewDescribeDisksRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			req.ReturnBindAutoSnapshotPolicy = common.BoolPtr(true)
			resp, err := cl.DescribeDisksWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.DiskSet, int(deref(resp.Response.TotalCount)), nil
		})
	snapshots, snapErr := pages(ctx, c, "cbs:DescribeSnapshots", []string{"cbs.snapshot"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*cbs.Snapshot, int, error) {
			req := cbs.NewDescribeSnapshotsRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeSnapshotsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.SnapshotSet, int(deref(resp.Response.TotalCount)), nil
		})
	// A cancelled scan keeps what was read: disks whose snapshot list was not read carry a gap.
	out, err := collectCBSPolicies(ctx, c, cl)
	if err != nil {
		return nil, err
	}
	byDisk := map[string][]*cbs.Snapshot{}
	for _, s := range snapshots {
		if s == nil {
			continue
		}
		byDisk[str(s.DiskId)] = append(byDisk[str(s.DiskId)], s)
		zone := ""
		if s.Placement != nil {
			zone = str(s.Placement.Zone)
		}
		out = append(out, c.resource("cbs.snapshot", str(s.SnapshotId), str(s.SnapshotName), zone, tagMap(s.Tags, cbsTag), s))
	}
	if diskErr != nil {
		return out, nil
	}
	for _, d := range disks {
		if d == nil {
			continue
		}
		zone := ""
		if d.Placement != nil {
			zone = str(d.Placement.Zone)
		}
		r := c.resource("cbs.disk", str(d.DiskId), str(d.DiskName), zone, tagMap(d.Tags, cbsTag), d)
		if snapErr != nil {
			// Without the snapshot list a disk's backup state is unknown, not "no snapshots".
			r.Gaps = append(r.Gaps, inventory.Gap{Action: "cbs:DescribeSnapshots", Code: ErrorCode(snapErr)})
		} else {
			own := byDisk[str(d.DiskId)]
			if own == nil {
				own = []*cbs.Snapshot{}
			}
			r.Related = map[string]json.RawMessage{"snapshots": mustJSON(own)}
		}
		out = append(out, r)
	}
	return out, nil
}

// collectCBSPolicies reads the scheduled snapshot policies and the disk configurations on sale
// (cbs.disk_quota). The returned error is only ever the context's.
func collectCBSPolicies(ctx context.Context, c *Client, cl *cbs.Client) ([]inventory.Resource, error) {
	var out []inventory.Resource
	policies, err := pages(ctx, c, "cbs:DescribeAutoSnapshotPolicies", []string{"cbs.auto_snapshot_policy"}, listLimit,
		func(ctx context.Context, offset, limit int) ([]*cbs.AutoSnapshotPolicy, int, error) {
			req := cbs.NewDescribeAutoSnapshotPoliciesRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeAutoSnapshotPoliciesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.AutoSnapshotPolicySet, int(deref(resp.Response.TotalCount)), nil
		})
	if err == nil {
		for _, p := range policies {
			if p != nil {
				out = append(out, c.resource("cbs.auto_snapshot_policy", str(p.AutoSnapshotPolicyId), str(p.AutoSnapshotPolicyName), "", tagMap(p.Tags, cbsTag), p))
			}
		}
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
	return out, nil
}

func cbsTag(t *cbs.Tag) (*string, *string) { return t.Key, t.Value }
