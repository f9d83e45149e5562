package scanner

import (
	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/result"

	"math"
)

// Score applies TSA's method: every failing item (a rule at one severity) deducts by blast
// radius; deductions are capped per pillar and severity; overall is the mean of the pillars.
// Waived findings leave the score; unknown ones deduct nothing but mark their pillar partial.
func Score(results []result.RuleResult, findings []result.Finding, k result.ScoringConstants) result.Scores {
	type item struct{ rule, severity string }
	risky := map[item]int{}
	for _, f := range findings {
		if f.Status == result.Fail {
			risky[item{f.RuleID, f.Severity}]++
		}
	}
	byPillar := map[string]*result.PillarScore{}
	for _, p := range result.Pillars {
		byPillar[p] = &result.PillarScore{Pillar: p, Deductions: map[string]float64{}}
	}
	for _, r := range results {
		ps := byPillar[r.Rule.Pillar]
		if ps == nil {
			continue
		}
		ps.Fail += r.Fail
		ps.Pass += r.Pass
		ps.Unknown += r.Unknown
		ps.Waived += r.Waived
		if r.Unknown > 0 {
			ps.Partial = true
		}
		total := r.Total() - r.Waived
		for _, sev := range result.Severities {
			n := risky[item{r.Rule.ID, sev}]
			if n == 0 {
				continue
			}
			ps.Deductions[sev] += k.Deduction(sev, n, total)
		}
	}
	s := result.Scores{Constants: k}
	assessed := 0
	for _, p := range result.Pillars {
		ps := byPillar[p]
		s.Partial = s.Partial || ps.Partial
		if ps.Fail+ps.Pass+ps.Waived == 0 && ps.Unknown > 0 {
			// Nothing of this pillar was judged: no score rather than a perfect one.
			ps.Band = result.NotAssessed
			s.Pillars = append(s.Pillars, *ps)
			continue
		}
		score := 100.0
		for sev, d := range ps.Deductions {
			d = math.Min(d, k.Caps[sev])
			ps.Deductions[sev] = d
			score -= d
		}
		ps.Score = round1(score)
		ps.Band = result.Band(ps.Score)
		s.Overall += ps.Score
		assessed++
		s.Pillars = append(s.Pillars, *ps)
	}
	if assessed == 0 {
		s.Overall, s.Band = 0, result.NotAssessed
		return s
	}
	// The overall score is the mean of the pillars that were judged.
	s.Overall = round1(s.Overall / float64(assessed))
	s.Band = result.Band(s.Overall)
	return s
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
