package scanner

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/rules"
)

// denyReads returns a copy of inv as a scan would have collected it had the actions been
// refused: their coverage records fail, the resources a failed list call would have found are
// dropped, and the resources of a failed per-resource call carry a gap.
func denyReads(inv *inventory.Inventory, actions map[string]bool) *inventory.Inventory {
	out := &inventory.Inventory{Accounts: inv.Accounts}
	type scope struct{ account, region, typ string }
	unlisted := map[scope]bool{}
	var gaps []inventory.Call
	for _, c := range inv.Coverage {
		if actions[c.Action] {
			c.OK, c.Code, c.Message = false, "AuthFailure.UnauthorizedOperation", "denied by the property test"
			for _, t := range c.ResourceTypes {
				unlisted[scope{c.Account, c.Region, t}] = true
			}
			if len(c.ResourceTypes) == 0 {
				gaps = append(gaps, c)
			}
		}
		out.Coverage = append(out.Coverage, c)
	}
	for _, r := range inv.Resources {
		if unlisted[scope{r.Account, r.Region, r.Type}] || unlisted[scope{r.Account, "", r.Type}] {
			continue
		}
		for _, c := range gaps {
			service, _, _ := strings.Cut(c.Action, ":")
			if c.Account == r.Account && (c.Region == r.Region || c.Region == "") && strings.HasPrefix(r.Type, service+".") {
				r.Gaps = append(slices.Clip(r.Gaps), inventory.Gap{Action: c.Action, Code: c.Code})
			}
		}
		out.Resources = append(out.Resources, r)
	}
	return out
}

// notAbove fails when a degraded score's lower bounds exceed the full scan's anywhere: overall,
// per pillar, per account.
func notAbove(t *testing.T, what string, got, full result.Scores) {
	t.Helper()
	if got.Overall > full.Overall {
		t.Errorf("%s: overall %v > full scan's %v", what, got.Overall, full.Overall)
	}
	for i, p := range got.Pillars {
		if p.Score > full.Pillars[i].Score {
			t.Errorf("%s: %s %v > full scan's %v", what, p.Pillar, p.Score, full.Pillars[i].Score)
		}
	}
	for i, a := range got.Accounts {
		if a.Overall > full.Accounts[i].Overall {
			t.Errorf("%s: account %s %v > full scan's %v", what, a.Account, a.Overall, full.Accounts[i].Overall)
		}
	}
}

// TestScoreNeverRisesWithLessCoverage is the score's property: over one collected demo inventory,
// random sets of denied reads and random sets of rules left out never raise the lower bound
// above the full scan's. The seed is fixed, so a failure names a reproducible set.
func TestScoreNeverRisesWithLessCoverage(t *testing.T) {
	sc := loadDemo(t)
	base := scanScenario(t, sc, scanOptions{collectOnly: true})
	engine, err := rules.New(context.Background(), rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	k := result.DefaultScoring()
	assess := func(inv *inventory.Inventory) *rules.Assessment {
		t.Helper()
		a, err := engine.Assess(context.Background(), inv, sc.Now, nil)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	all := assess(base.inv)
	full := Score(Assessed{Rules: all.Rules, Accounts: all.Accounts, Findings: all.Findings}, k)
	if full.Overall <= 0 || full.Overall >= 100 || len(full.Accounts) != 2 {
		t.Fatalf("the full demo scan should fail something in both accounts: %+v", full)
	}
	var actions []string
	seen := map[string]bool{}
	for _, c := range base.inv.Coverage {
		if !seen[c.Action] {
			seen[c.Action] = true
			actions = append(actions, c.Action)
		}
	}
	sort.Strings(actions)
	rng := rand.New(rand.NewPCG(10, 2026))
	var sets []map[string]bool
	for range 3 {
		denied := map[string]bool{}
		for _, a := range actions {
			denied[a] = rng.IntN(4) == 0
		}
		sets = append(sets, denied)
	}
	// Whole products, as --fault deny=cam:* does.
	for _, services := range [][]string{{"cam", "vpc"}, {"cdb", "cos"}, {"monitor", "cloudaudit"}} {
		denied := map[string]bool{}
		for _, a := range actions {
			service, _, _ := strings.Cut(a, ":")
			denied[a] = slices.Contains(services, service)
		}
		sets = append(sets, denied)
	}
	for _, denied := range sets {
		a := assess(denyReads(base.inv, denied))
		got := Score(Assessed{Rules: a.Rules, Accounts: a.Accounts, Findings: a.Findings}, k)
		notAbove(t, fmt.Sprintf("denying %v", slices.Sorted(mapKeys(denied))), got, full)
	}
	// Rules left out: the others' verdicts do not change, so the full assessment is filtered.
	for trial := range 8 {
		off := map[string]bool{}
		var notRun []result.Rule
		for _, r := range engine.Rules() {
			if rng.IntN(3) == 0 {
				off[r.ID] = true
				notRun = append(notRun, r)
			}
		}
		keep := func(rs []result.RuleResult) []result.RuleResult {
			return slices.DeleteFunc(slices.Clone(rs), func(r result.RuleResult) bool { return off[r.Rule.ID] })
		}
		accounts := map[string][]result.RuleResult{}
		for uin, rs := range all.Accounts {
			accounts[uin] = keep(rs)
		}
		findings := slices.DeleteFunc(slices.Clone(all.Findings), func(f result.Finding) bool { return off[f.RuleID] })
		got := Score(Assessed{Rules: keep(all.Rules), Accounts: accounts, Findings: findings, NotRun: notRun}, k)
		notAbove(t, fmt.Sprintf("rules trial %d leaving out %v", trial, slices.Sorted(mapKeys(off))), got, full)
	}
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k, v := range m {
			if v && !yield(k) {
				return
			}
		}
	}
}
