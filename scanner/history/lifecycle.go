package history

import "github.com/tsa-scanner/tsa/result"

// Event is what one scan did to a failing finding's lifecycle.
type Event string

// The lifecycle events. Only failing (and waived) findings have a lifecycle; an unknown finding
// never resolves one: a failing finding whose rule and resource the scan could not read is
// carried, still open, with the status it had.
const (
	New        Event = "new"        // failing for the first time
	Persisting Event = "persisting" // failing before and still failing
	Reopened   Event = "reopened"   // resolved earlier, failing again
	Resolved   Event = "resolved"   // failing before, assessed and passing now
	Carried    Event = "carried"    // failing before, not re-assessed: stays open
)

// open reports whether a finding's status gives it a lifecycle.
func open(s result.Status) bool { return s == result.Fail || s == result.Waived }

// scope is what a scan assessed, to tell a finding that passes now from one the scan did not
// look at.
type scope struct {
	accounts    map[string]bool  // accounts in the scan
	rules       map[string]bool  // rules that ran
	unknown     []result.Finding // what the scan could not read
	interrupted bool             // collection stopped early: what is missing was not read
}

func newScope(accounts []string, ruleIDs []string, findings []result.Finding, interrupted bool) scope {
	s := scope{accounts: map[string]bool{}, rules: map[string]bool{}, interrupted: interrupted}
	for _, a := range accounts {
		s.accounts[a] = true
	}
	for _, r := range ruleIDs {
		s.rules[r] = true
	}
	for _, f := range findings {
		if f.Status == result.Unknown {
			s.unknown = append(s.unknown, f)
		}
	}
	return s
}

// assessed reports whether the scan re-assessed f's rule over f's resource, so that f's absence
// means it passes. An unknown finding covers f when it names f's rule and account and either the
// whole account (region "" and resource "*"), f's region ("*"), or f's resource.
func (s scope) assessed(f result.Finding) bool {
	if s.interrupted || !s.accounts[f.Account] || !s.rules[f.RuleID] {
		return false
	}
	for _, u := range s.unknown {
		if u.RuleID != f.RuleID || u.Account != f.Account {
			continue
		}
		if u.Region == "" && u.ResourceID == "*" ||
			u.Region == f.Region && (u.ResourceID == "*" || u.ResourceID == f.ResourceID) {
			return false
		}
	}
	return true
}

// comparison is how the open findings of a later scan relate to those of an earlier state.
type comparison struct {
	added   []result.Finding    // open now, not before
	kept    [][2]result.Finding // open before and now: {before, now}
	gone    []result.Finding    // open before, assessed and not open now
	carried []result.Finding    // open before, not re-assessed now
}

// compare sets the open findings of a scan (cur, within scope sc) against those open before
// (prev, by fingerprint). Results keep cur's order, then prev's order as given by order.
func compare(prev map[string]result.Finding, order []string, cur []result.Finding, sc scope) comparison {
	var c comparison
	now := map[string]bool{}
	for _, f := range cur {
		if !open(f.Status) || now[f.ID] {
			continue // a rule that denies one resource twice still makes one finding
		}
		now[f.ID] = true
		if before, ok := prev[f.ID]; ok {
			c.kept = append(c.kept, [2]result.Finding{before, f})
		} else {
			c.added = append(c.added, f)
		}
	}
	for _, id := range order {
		f := prev[id]
		switch {
		case now[id]:
		case sc.assessed(f):
			c.gone = append(c.gone, f)
		default:
			c.carried = append(c.carried, f)
		}
	}
	return c
}
