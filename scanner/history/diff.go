package history

import (
	"context"

	"github.com/tsa-scanner/tsa/result"
)

// Diff is what changed in the failing findings from one scan to a later one.
type Diff struct {
	From *Scan `json:"from"`
	To   *Scan `json:"to"`
	// New fail (or are waived) in To and did not in From.
	New []result.Finding `json:"new"`
	// Resolved failed in From, and To assessed them and found them passing.
	Resolved []result.Finding `json:"resolved"`
	// Changed fail in both with another status or severity.
	Changed []Change `json:"changed"`
	// Unassessed failed in From and To could not read them (or did not scan their account or
	// rule): they are not resolved.
	Unassessed []result.Finding `json:"unassessed"`
	// Persisting counts the findings failing in both, changed or not.
	Persisting int `json:"persisting"`
}

// Change is one finding failing in both scans with another status or severity.
type Change struct {
	Before result.Finding `json:"before"`
	After  result.Finding `json:"after"`
}

// Diff compares the failing findings of two recorded scans.
func (s *Store) Diff(ctx context.Context, from, to int64) (*Diff, error) {
	d := &Diff{}
	var err error
	if d.From, err = s.Scan(ctx, from); err != nil {
		return nil, err
	}
	if d.To, err = s.Scan(ctx, to); err != nil {
		return nil, err
	}
	before, err := s.Findings(ctx, from)
	if err != nil {
		return nil, err
	}
	after, err := s.Findings(ctx, to)
	if err != nil {
		return nil, err
	}
	ruleIDs, err := s.ruleIDs(ctx, to)
	if err != nil {
		return nil, err
	}
	var uins []string
	for _, a := range d.To.Accounts {
		uins = append(uins, a.UIN)
	}
	prev := map[string]result.Finding{}
	var order []string
	for _, f := range before {
		if open(f.Status) {
			prev[f.ID] = f
			order = append(order, f.ID)
		}
	}
	c := compare(prev, order, after, newScope(uins, ruleIDs, after, d.To.Interrupted))
	d.New, d.Resolved, d.Unassessed, d.Persisting = c.added, c.gone, c.carried, len(c.kept)
	for _, k := range c.kept {
		if k[0].Status != k[1].Status || k[0].Severity != k[1].Severity {
			d.Changed = append(d.Changed, Change{Before: k[0], After: k[1]})
		}
	}
	return d, nil
}
