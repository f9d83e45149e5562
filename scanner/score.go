package scanner

import (
	"math"
	"sort"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/result"
)

// Assessed is what a score is computed from: the per-rule counts over all accounts and per
// account, the findings, and the built-in rules the selection left out.
type Assessed struct {
	Rules    []result.RuleResult
	Accounts map[string][]result.RuleResult
	Findings []result.Finding
	NotRun   []result.Rule
}

// Score applies TSA's method to an assessment, overall and per account. An item is a TSA
// inspection item (a catalogue row; a rule without one is its own item): the rules of one item
// deduct once, at the worst severity found, by blast radius. Deductions are capped per pillar
// and severity, and the overall score is the mean of the five pillars.
//
// The score is a range. Upper counts unknown verdicts as passing. Overall, the headline, counts
// every item with an unknown verdict or a rule left out as failing with the worst deduction of
// its worst severity, so reading less, disabling rules or stopping early can only lower it.
// Waived findings leave the score.
func Score(a Assessed, k result.ScoringConstants) result.Scores {
	s := scope(a.Rules, a.Findings, a.NotRun, k)
	out := result.Scores{
		Overall: s.Overall, Upper: s.Upper, Band: s.Band, Coverage: s.Coverage,
		OpenHigh: s.OpenHigh, Pillars: s.Pillars, Constants: k,
		ThirdRow: map[string]float64{}, ThirdRowDefault: true,
	}
	for _, p := range s.Pillars {
		out.Partial = out.Partial || p.Partial
	}
	for sev, d := range k.Deductions {
		out.ThirdRow[sev] = d[2]
		if def, ok := result.DefaultThirdRow[sev]; !ok || def != d[2] {
			out.ThirdRowDefault = false
		}
	}
	uins := make([]string, 0, len(a.Accounts))
	for uin := range a.Accounts {
		uins = append(uins, uin)
	}
	sort.Strings(uins)
	out.Accounts = make([]result.AccountScore, 0, len(uins))
	for _, uin := range uins {
		var fs []result.Finding
		for _, f := range a.Findings {
			if f.Account == uin {
				fs = append(fs, f)
			}
		}
		as := scope(a.Accounts[uin], fs, a.NotRun, k)
		as.Account = uin
		out.Accounts = append(out.Accounts, as)
	}
	return out
}

// item is one TSA inspection item within a pillar.
type item struct {
	risky    map[string]bool // failing resources (account, region, type, id)
	worst    string          // worst severity of a failing finding
	total    int             // resources judged or unknown, waivers left out
	unread   bool            // some verdict unknown, or a rule of it not run
	unreadAt string          // worst severity an unread verdict could take
}

// scope scores one set of results: the whole scan or one account.
func scope(results []result.RuleResult, findings []result.Finding, notRun []result.Rule, k result.ScoringConstants) result.AccountScore {
	type key struct{ pillar, id string }
	items := map[key]*item{}
	get := func(r result.Rule) *item {
		kk := key{r.Pillar, r.Catalogue}
		if r.Catalogue == "" {
			kk.id = r.ID
		}
		it := items[kk]
		if it == nil {
			it = &item{risky: map[string]bool{}}
			items[kk] = it
		}
		return it
	}
	rules := map[string]result.Rule{}
	pillars := map[string]*result.PillarScore{}
	for _, p := range result.Pillars {
		pillars[p] = &result.PillarScore{Pillar: p, Deductions: map[string]float64{}}
	}
	var judged, verdicts int
	for _, r := range results {
		rules[r.Rule.ID] = r.Rule
		ps := pillars[r.Rule.Pillar]
		if ps == nil {
			continue
		}
		ps.Fail, ps.Pass, ps.Unknown, ps.Waived = ps.Fail+r.Fail, ps.Pass+r.Pass, ps.Unknown+r.Unknown, ps.Waived+r.Waived
		judged += r.Fail + r.Pass + r.Waived
		verdicts += r.Total()
		it := get(r.Rule)
		it.total += r.Total() - r.Waived
		if r.Unknown > 0 {
			it.unread = true
			it.unreadAt = worse(it.unreadAt, r.Rule.Severity)
		}
	}
	for _, r := range notRun {
		if ps := pillars[r.Pillar]; ps != nil {
			ps.NotRun++
			verdicts++
			it := get(r)
			it.unread = true
			it.unreadAt = worse(it.unreadAt, r.Severity)
		}
	}
	var openHigh int
	for _, f := range findings {
		r, ok := rules[f.RuleID]
		if !ok || f.Status != result.Fail || pillars[r.Pillar] == nil {
			continue
		}
		it := get(r)
		it.risky[f.Account+"\x00"+f.Region+"\x00"+f.ResourceType+"\x00"+f.ResourceID] = true
		it.worst = worse(it.worst, f.Severity)
		// A rule may raise a finding above its declared level; an unread one could too.
		if it.unread {
			it.unreadAt = worse(it.unreadAt, f.Severity)
		}
		if f.Severity == "high" {
			pillars[r.Pillar].OpenHigh++
			openHigh++
		}
	}
	lower := map[string]map[string]float64{}
	upper := map[string]map[string]float64{}
	for _, p := range result.Pillars {
		lower[p], upper[p] = map[string]float64{}, map[string]float64{}
	}
	for kk, it := range items {
		var up float64
		if len(it.risky) > 0 {
			up = k.Deduction(it.worst, len(it.risky), it.total)
			upper[kk.pillar][it.worst] += up
		}
		switch {
		case it.unread:
			sev := worse(it.worst, it.unreadAt)
			lower[kk.pillar][sev] += k.WorstDeduction(sev)
		case up > 0:
			lower[kk.pillar][it.worst] += up
		default:
			continue
		}
		pillars[kk.pillar].Items++
	}
	out := result.AccountScore{OpenHigh: openHigh, Coverage: 1}
	if verdicts > 0 {
		out.Coverage = float64(judged) / float64(verdicts)
	}
	for _, p := range result.Pillars {
		ps := pillars[p]
		ps.Partial = ps.Unknown > 0 || ps.NotRun > 0
		ps.Score = round1(100 - capped(lower[p], k, ps.Deductions))
		ps.Upper = round1(100 - capped(upper[p], k, nil))
		ps.Band = result.Band(ps.Score)
		if ps.Band == "green" && ps.OpenHigh > 0 && headline(p) {
			ps.Band = "orange"
		}
		if ps.Fail+ps.Pass+ps.Waived == 0 && ps.Partial {
			// Nothing of this pillar was judged: its range is shown, a colour is not.
			ps.Band = result.NotAssessed
		}
		out.Overall += ps.Score
		out.Upper += ps.Upper
		out.Pillars = append(out.Pillars, *ps)
	}
	out.Overall = round1(out.Overall / float64(len(result.Pillars)))
	out.Upper = round1(out.Upper / float64(len(result.Pillars)))
	out.Band = band(out, k)
	return out
}

// band is the colour of a scope's headline: not assessed when nothing was judged, withheld
// below the coverage threshold, and never green while a high finding of security or service
// limits is open.
func band(s result.AccountScore, k result.ScoringConstants) string {
	judged := false
	for _, p := range s.Pillars {
		judged = judged || p.Fail+p.Pass+p.Waived > 0
	}
	switch {
	case !judged:
		return result.NotAssessed
	case s.Coverage < k.MinCoverage:
		return result.Withheld
	}
	b := result.Band(s.Overall)
	if b == "green" {
		for _, p := range s.Pillars {
			if p.OpenHigh > 0 && headline(p.Pillar) {
				return "orange"
			}
		}
	}
	return b
}

// headline is true for the pillars whose open high findings keep a score from green: a
// security hole or a service about to hit its limit is not excellent governance.
func headline(pillar string) bool { return pillar == "security" || pillar == "service_limits" }

// capped sums the deductions by severity after the caps, recording each in into when given.
func capped(d map[string]float64, k result.ScoringConstants, into map[string]float64) float64 {
	var sum float64
	for sev, v := range d {
		if c, ok := k.Caps[sev]; ok {
			v = math.Min(v, c)
		}
		if into != nil {
			into[sev] = v
		}
		sum += v
	}
	return sum
}

// worse returns the more severe of two severities ("" is none).
func worse(a, b string) string {
	rank := map[string]int{"": 0, "low": 1, "medium": 2, "high": 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// ScoringFrom applies a configuration's scoring overrides to the defaults.
func ScoringFrom(c config.Scoring) result.ScoringConstants {
	k := result.DefaultScoring()
	for sev, d := range c.Deductions {
		k.Deductions[sev] = [3]float64{d[0], d[1], d[2]}
	}
	for sev, v := range c.Caps {
		k.Caps[sev] = v
	}
	if c.LargeEstate > 0 {
		k.LargeEstate = c.LargeEstate
	}
	if c.RatioThreshold > 0 {
		k.RatioThreshold = c.RatioThreshold
	}
	if c.CountThreshold > 0 {
		k.CountThreshold = c.CountThreshold
	}
	return k
}
