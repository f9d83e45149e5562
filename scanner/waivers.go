package scanner

import (
	"time"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/result"
)

// applyWaivers marks failing findings covered by an active waiver as waived and moves their
// count from fail to waived. Unknown findings are never waived: a waiver accepts a known risk,
// not data that could not be read.
func applyWaivers(findings []result.Finding, results []result.RuleResult, waivers []config.Waiver, now time.Time) result.WaiverReport {
	var rep result.WaiverReport
	used := make([]bool, len(waivers))
	byRule := map[string]*result.RuleResult{}
	for i := range results {
		byRule[results[i].Rule.ID] = &results[i]
	}
	for i, w := range waivers {
		if !w.Expires.IsZero() && now.After(w.Expires.Time) {
			rep.Expired = append(rep.Expired, w)
			used[i] = true // reported as expired, not as unmatched
		}
	}
	for fi := range findings {
		f := &findings[fi]
		if f.Status != result.Fail {
			continue
		}
		for i, w := range waivers {
			if !w.Expires.IsZero() && now.After(w.Expires.Time) {
				continue
			}
			if !w.Matches(f.RuleID, f.Account, f.Region, f.ResourceID, f.Tags) {
				continue
			}
			used[i] = true
			f.Status = result.Waived
			f.Waiver = &result.Suppression{Reason: w.Reason, Owner: w.Owner, Source: w.Source}
			if !w.Expires.IsZero() {
				f.Waiver.Expires = w.Expires.Format(time.DateOnly)
			}
			if r := byRule[f.RuleID]; r != nil {
				r.Fail--
				r.Waived++
			}
			rep.Applied++
			break
		}
	}
	for i, w := range waivers {
		if !used[i] {
			rep.Unmatched = append(rep.Unmatched, w)
		}
	}
	return rep
}
