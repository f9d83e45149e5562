package collectors

import (
	"context"
	"encoding/json"

	"github.com/tsa-scanner/tsa/inventory"
)

// fetchRelated makes one per-resource call about r and records its coverage without resource
// types. On success it stores pick(resp) under key in r.Related; on failure it adds a gap, so
// rules over r report unknown rather than pass. ok says whether the call succeeded.
func fetchRelated[T any](ctx context.Context, c *Client, r *inventory.Resource, action, key string,
	send func(context.Context) (T, error), pick func(T) any) (resp T, ok bool) {
	resp, err := call(ctx, c, action, send)
	c.record(action, nil, err)
	if err != nil {
		addGap(r, action, err)
		return resp, false
	}
	setRelated(r, key, pick(resp))
	return resp, true
}

// setRelated stores another call's payload about r under key.
func setRelated(r *inventory.Resource, key string, v any) {
	if r.Related == nil {
		r.Related = map[string]json.RawMessage{}
	}
	r.Related[key] = mustJSON(v)
}

// addGap notes that a sub-call about r failed, once per action.
func addGap(r *inventory.Resource, action string, err error) {
	for _, g := range r.Gaps {
		if g.Action == action {
			return
		}
	}
	r.Gaps = append(r.Gaps, inventory.Gap{Action: action, Code: ErrorCode(err)})
}

// orEmpty keeps an absent list from reaching rules as null: the call succeeded and found none.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
