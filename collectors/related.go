package collectors

import (
	"context"
	"encoding/json"

	"github.com/tsa-scanner/tsa/inventory"
)

// about names one listed item as a resource: its id, name, zone and tags.
type about struct {
	id, name, zone string
	tags           map[string]string
}

// list reads every page of a list action (pages records its coverage with typ) and makes each
// non-nil item a resource of type typ, named by describe. It returns the resources and their
// items in the same order; when the list failed, neither, and the error.
func list[T any](ctx context.Context, c *Client, action, typ string, limit int,
	fetch func(ctx context.Context, offset, limit int) ([]*T, int, error), describe func(*T) about) ([]inventory.Resource, []*T, error) {
	items, err := pages(ctx, c, action, []string{typ}, limit, fetch)
	if err != nil {
		return nil, nil, err
	}
	var out []inventory.Resource
	var kept []*T
	for _, it := range items {
		if it == nil {
			continue
		}
		a := describe(it)
		out = append(out, c.resource(typ, a.id, a.name, a.zone, a.tags, it))
		kept = append(kept, it)
	}
	return out, kept, nil
}

// join makes one per-resource read about r and records its coverage without resource types. On
// success it stores pick(resp) under key in r.Related; on failure it records a gap naming the
// action and key, so only the rules that read key report unknown. It returns the call's error.
func join[T any](ctx context.Context, c *Client, r *inventory.Resource, action, key string,
	send func(context.Context) (T, error), pick func(T) any) (T, error) {
	resp, err := call(ctx, c, action, send)
	c.record(action, nil, err)
	if err != nil {
		addGap(r, action, key, ErrorCode(err))
		return resp, err
	}
	setRelated(r, key, pick(resp))
	return resp, nil
}

// joinPages is join for a per-resource list read in pages: the items are stored under key, []
// when there are none.
func joinPages[T any](ctx context.Context, c *Client, r *inventory.Resource, action, key string, limit int,
	fetch func(ctx context.Context, offset, limit int) ([]T, int, error)) ([]T, error) {
	items, err := pages(ctx, c, action, nil, limit, fetch)
	if err != nil {
		addGap(r, action, key, ErrorCode(err))
		return nil, err
	}
	setRelated(r, key, orEmpty(items))
	return items, nil
}

// setRelated stores another call's payload about r under key.
func setRelated(r *inventory.Resource, key string, v any) {
	if r.Related == nil {
		r.Related = map[string]json.RawMessage{}
	}
	r.Related[key] = mustJSON(v)
}

// addGap notes that the read filling key of r failed with code, once per action and key.
func addGap(r *inventory.Resource, action, key, code string) {
	for _, g := range r.Gaps {
		if g.Action == action && g.Key == key {
			return
		}
	}
	r.Gaps = append(r.Gaps, inventory.Gap{Action: action, Code: code, Key: key})
}

// orEmpty keeps an absent list from reaching rules as null: the call succeeded and found none.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
