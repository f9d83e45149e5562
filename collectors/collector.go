// Package collectors reads resource configuration from Tencent Cloud through the real SDK, one
// file per product, and builds the inventory. It also holds the client layer every collector
// shares: credentials, the read-only guard, rate limiting, retries, region discovery and call
// accounting. Collection knows nothing about rules.
package collectors

import (
	"context"
	"encoding/json"
	"sort"

	"github.com/tsa-scanner/tsa/inventory"
)

// Collector reads one product in one account and region (or once per account when Global).
type Collector struct {
	// Product is the name users select collectors by, e.g. "cvm".
	Product string
	// Service is the API service the product's actions belong to (the signing scope).
	Service string
	// Global collectors run once per account with region "".
	Global bool
	// Actions are every API action the collector can call. This declaration is the single
	// source for the read-only guard and for the CAM policy tsa prints.
	Actions []string
	// Subjects, when set, are the resource types this collector reads about: it runs after
	// every other collector of the same account and region, and finds the resources of these
	// types they collected in Client.Subjects (Cloud Monitor reads metrics of instances).
	Subjects []string
	// Collect reads the product. API failures are recorded as coverage by the client, never
	// returned: a returned error means the collector could not run (at all, or to the end when
	// cancelled). A cancelled collector still returns what it read, with the cancellation:
	// the calls it cut short are TSA.Interrupted gaps and coverage, and the scanner records
	// the reads never made as interrupted.
	Collect func(ctx context.Context, c *Client) ([]inventory.Resource, error)
}

// All is every collector, in the order they are planned.
var All = []Collector{cvmCollector, vpcCollector, cbsCollector, clbCollector, cdbCollector, redisCollector,
	mongodbCollector, camCollector, tkeCollector, sslCollector, cloudauditCollector, cosCollector, monitorCollector}

// listLimit is the page size of every Offset/Limit list: the largest the API accepts. Tests
// lower it to make the emulator answer in several pages.
var listLimit = 100

// alwaysAllowed are the actions of the client layer itself.
var alwaysAllowed = []string{"sts:AssumeRole", "region:DescribeRegions", "organization:DescribeOrganizationMembers"}

// ReadOnlyActions returns every service:Action tsa may call, sorted.
func ReadOnlyActions() []string {
	set := map[string]bool{}
	for _, a := range alwaysAllowed {
		set[a] = true
	}
	for _, c := range All {
		for _, a := range c.Actions {
			set[c.Service+":"+a] = true
		}
	}
	out := make([]string, 0, len(set))
	for a := range set {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// resource builds an inventory resource from an SDK model value, keeping the API's field names.
func (c *Client) resource(typ, id, name, zone string, tags map[string]string, data any) inventory.Resource {
	return inventory.Resource{
		Type:    typ,
		ID:      id,
		Name:    name,
		Account: c.Account,
		Region:  c.Region,
		Zone:    zone,
		Tags:    tags,
		Data:    mustJSON(data),
	}
}

// mustJSON encodes an API value for the inventory (inventory.Marshal: [] kept apart from null);
// SDK models always encode.
func mustJSON(v any) json.RawMessage {
	b, err := inventory.Marshal(v)
	if err != nil {
		panic("encoding an SDK model: " + err.Error())
	}
	return b
}

// str dereferences an SDK string pointer.
func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// tagMap turns a product's []*Tag into a map; kv reads one tag's key and value.
func tagMap[T any](tags []*T, kv func(*T) (*string, *string)) map[string]string {
	if len(tags) == 0 {
		return nil
	}
	m := make(map[string]string, len(tags))
	for _, t := range tags {
		if t != nil {
			k, v := kv(t)
			m[str(k)] = str(v)
		}
	}
	return m
}
