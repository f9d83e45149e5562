package scanner

import (
	"github.com/tsa-scanner/tsa/config"

	"math"

	"github.com/tsa-scanner/tsa/rules"
)

// ScoringConstants are the numbers of TSA's scoring method. The published excerpt gives the caps
// and the first two rows of per-item deductions; the third row is not visible, so it is a
// tunable default, shown in the report's methodology.
type ScoringConstants struct {
	// Deductions per failing item, by severity: [large estate and ratio > RatioThreshold,
	// small estate and risky count > CountThreshold, otherwise].
	Deductions map[string][3]float64 `json:"deductions" yaml:"deductions"`
	// Caps bound the accumulated deduction per pillar, by severity.
	Caps           map[string]float64 `json:"caps" yaml:"caps"`
	LargeEstate    int                `json:"large_estate" yaml:"large_estate"`       // "total resources > 100"
	RatioThreshold float64            `json:"ratio_threshold" yaml:"ratio_threshold"` // "risky/total > 5 %"
	CountThreshold int                `json:"count_threshold" yaml:"count_threshold"` // "risky count > 10"
}

// DefaultScoring returns TSA's published constants with tsa's defaults for the unpublished row.
func DefaultScoring() ScoringConstants {
	return ScoringConstants{
		Deductions: map[string][3]float64{
			"high":   {3, 2, 1},
			"medium": {2, 1, 0.5},
			"low":    {1, 0.5, 0.25},
		},
		Caps:           map[string]float64{"high": 30, "medium": 10, "low": 5},
		LargeEstate:    100,
		RatioThreshold: 0.05,
		CountThreshold: 10,
	}
}

// Band names a score's colour band.
func Band(score float64) string {
	switch {
	case score >= 85:
		return "green"
	case score > 60:
		return "orange"
	default:
		return "red"
	}
}

// PillarScore is one module's score.
type PillarScore struct {
	Pillar     string             `json:"pillar"`
	Score      float64            `json:"score"`
	Band       string             `json:"band"`
	Partial    bool               `json:"partial"` // some of its resources could not be assessed
	Fail       int                `json:"fail"`
	Pass       int                `json:"pass"`
	Unknown    int                `json:"unknown"`
	Waived     int                `json:"waived"`
	Deductions map[string]float64 `json:"deductions"` // by severity, after caps
}

// Scores are the scan's scores.
type Scores struct {
	Overall   float64          `json:"overall"`
	Band      string           `json:"band"`
	Partial   bool             `json:"partial"`
	Pillars   []PillarScore    `json:"pillars"`
	Constants ScoringConstants `json:"constants"`
}

// Score applies TSA's method: every failing item (a rule at one severity) deducts by blast
// radius; deductions are capped per pillar and severity; overall is the mean of the pillars.
// Waived findings leave the score; unknown ones deduct nothing but mark their pillar partial.
func Score(results []rules.RuleResult, findings []rules.Finding, k ScoringConstants) Scores {
	type item struct{ rule, severity string }
	risky := map[item]int{}
	for _, f := range findings {
		if f.Status == rules.Fail {
			risky[item{f.RuleID, f.Severity}]++
		}
	}
	byPillar := map[string]*PillarScore{}
	for _, p := range rules.Pillars {
		byPillar[p] = &PillarScore{Pillar: p, Deductions: map[string]float64{}}
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
		for _, sev := range rules.Severities {
			n := risky[item{r.Rule.ID, sev}]
			if n == 0 {
				continue
			}
			ps.Deductions[sev] += k.deduction(sev, n, total)
		}
	}
	s := Scores{Constants: k}
	assessed := 0
	for _, p := range rules.Pillars {
		ps := byPillar[p]
		s.Partial = s.Partial || ps.Partial
		if ps.Fail+ps.Pass+ps.Waived == 0 && ps.Unknown > 0 {
			// Nothing of this pillar was judged: no score rather than a perfect one.
			ps.Band = NotAssessed
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
		ps.Band = Band(ps.Score)
		s.Overall += ps.Score
		assessed++
		s.Pillars = append(s.Pillars, *ps)
	}
	if assessed == 0 {
		s.Overall, s.Band = 0, NotAssessed
		return s
	}
	// The overall score is the mean of the pillars that were judged.
	s.Overall = round1(s.Overall / float64(assessed))
	s.Band = Band(s.Overall)
	return s
}

// NotAssessed is the band of a score nothing was judged for: everything behind it was unread.
const NotAssessed = "not_assessed"

// deduction is one item's deduction given how many resources it found risky out of total.
func (k ScoringConstants) deduction(severity string, risky, total int) float64 {
	d := k.Deductions[severity]
	switch {
	case total > k.LargeEstate && float64(risky)/float64(total) > k.RatioThreshold:
		return d[0]
	case total <= k.LargeEstate && risky > k.CountThreshold:
		return d[1]
	default:
		return d[2]
	}
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// ScoringFrom applies a configuration's scoring overrides to the defaults.
func ScoringFrom(c config.Scoring) ScoringConstants {
	k := DefaultScoring()
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
