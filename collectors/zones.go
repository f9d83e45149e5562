package collectors

import (
	"context"
	"sync"

	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"

	"github.com/tsa-scanner/tsa/inventory"
)

// withZoneNames gives every resource a zone name (ap-guangzhou-3): some APIs name a zone by its
// numeric id ("100003"), and rules compare zones across products. The region's zone list
// (cvm:DescribeZones) is read only when some resource needs it. A zone it cannot name is
// dropped (absent: unknown) and the resource gets a gap on "zone".
func withZoneNames(ctx context.Context, c *Client, rs []inventory.Resource) []inventory.Resource {
	var zones *zoneList
	for i := range rs {
		r := &rs[i]
		if !isZoneID(r.Zone) {
			continue
		}
		if zones == nil {
			zones = c.zoneList(ctx)
		}
		if name, ok := zones.names[r.Zone]; ok {
			r.Zone = name
			continue
		}
		r.Zone = ""
		if zones.code == "" {
			addGap(r, "cvm:DescribeZones", "zone", "TSA.ZoneNotFound")
		} else {
			addGap(r, "cvm:DescribeZones", "zone", zones.code)
		}
	}
	return rs
}

// zoneList is a region's zones as ZoneId → Zone, or the error code of the failed read. It is
// read once per account × region and scan, by whichever collector first needs it, so its
// coverage is recorded once.
type zoneList struct {
	once  sync.Once
	names map[string]string
	code  string
}

// zoneList returns the zone list of the client's account and region, reading it on first use.
func (c *Client) zoneList(ctx context.Context) *zoneList {
	v, _ := c.caller.zones.LoadOrStore([2]string{c.Account, c.Region}, &zoneList{})
	zones := v.(*zoneList)
	zones.once.Do(func() { zones.names, zones.code = zoneNames(ctx, c) })
	return zones
}

// zoneNames reads the region's zones as ZoneId → Zone; on failure it returns the error code.
func zoneNames(ctx context.Context, c *Client) (map[string]string, string) {
	cl, err := newSDK(c, cvm.NewClient)
	if err == nil {
		var resp *cvm.DescribeZonesResponse
		resp, err = call(ctx, c, "cvm:DescribeZones", func(ctx context.Context) (*cvm.DescribeZonesResponse, error) {
			return cl.DescribeZonesWithContext(ctx, cvm.NewDescribeZonesRequest())
		})
		c.record("cvm:DescribeZones", nil, err)
		if err == nil {
			names := map[string]string{}
			for _, z := range resp.Response.ZoneSet {
				if z != nil && str(z.ZoneId) != "" && str(z.Zone) != "" {
					names[str(z.ZoneId)] = str(z.Zone)
				}
			}
			return names, ""
		}
	}
	return map[string]string{}, ErrorCode(err)
}

// isZoneID reports whether a zone is a numeric zone id rather than a name.
func isZoneID(zone string) bool {
	if zone == "" {
		return false
	}
	for _, r := range zone {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
