package collectors

import (
	"context"

	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"

	"github.com/tsa-scanner/tsa/inventory"
)

// withZoneNames gives every resource a zone name (ap-guangzhou-3): some APIs name a zone by its
// numeric id ("100003"), and rules compare zones across products. The region's zone list
// (cvm:DescribeZones) is read only when some resource needs it. A zone it cannot name is
// dropped (absent: unknown) and the resource gets a gap on "zone".
func withZoneNames(ctx context.Context, c *Client, rs []inventory.Resource) []inventory.Resource {
	var names map[string]string
	var code string
	for i := range rs {
		r := &rs[i]
		if !isZoneID(r.Zone) {
			continue
		}
		if names == nil && code == "" {
			names, code = zoneNames(ctx, c)
		}
		if name, ok := names[r.Zone]; ok {
			r.Zone = name
			continue
		}
		r.Zone = ""
		if code == "" {
			addGap(r, "cvm:DescribeZones", "zone", "TSA.ZoneNotFound")
		} else {
			addGap(r, "cvm:DescribeZones", "zone", code)
		}
	}
	return rs
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
