package result

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
	// MinCoverage is the share of verdicts that must be judged (not unknown) for a score to
	// carry a band; below it the band is withheld.
	MinCoverage float64 `json:"min_coverage" yaml:"min_coverage"`
}

// DefaultThirdRow is tsa's guess at the unpublished third deduction row, by severity.
var DefaultThirdRow = map[string]float64{"high": 1, "medium": 0.5, "low": 0.25}

// DefaultScoring returns TSA's published constants with tsa's defaults for the unpublished row.
func DefaultScoring() ScoringConstants {
	return ScoringConstants{
		Deductions: map[string][3]float64{
			"high":   {3, 2, DefaultThirdRow["high"]},
			"medium": {2, 1, DefaultThirdRow["medium"]},
			"low":    {1, 0.5, DefaultThirdRow["low"]},
		},
		Caps:           map[string]float64{"high": 30, "medium": 10, "low": 5},
		LargeEstate:    100,
		RatioThreshold: 0.05,
		CountThreshold: 10,
		MinCoverage:    0.8,
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

// NotAssessed is the band of a score nothing was judged for: everything behind it was unread
// or its rules were not run.
const NotAssessed = "not_assessed"

// Withheld is the band of a score whose coverage is below ScoringConstants.MinCoverage: the
// range is shown, the colour is not.
const Withheld = "withheld"

// PillarScore is one module's score. Score is the lower bound (every unknown item counted as
// failing at its worst), Upper the score with unknown items counted as passing.
type PillarScore struct {
	Pillar   string  `json:"pillar"`
	Score    float64 `json:"score"`
	Upper    float64 `json:"upper"`
	Band     string  `json:"band"`
	Partial  bool    `json:"partial"` // some of its resources could not be assessed
	Fail     int     `json:"fail"`
	Pass     int     `json:"pass"`
	Unknown  int     `json:"unknown"`
	Waived   int     `json:"waived"`
	NotRun   int     `json:"not_run"`   // rules of this pillar the selection left out
	OpenHigh int     `json:"open_high"` // failing findings at high severity, not waived
	// Items is the number of TSA inspection items that deduct in the lower bound.
	Items int `json:"items"`
	// Deductions are the lower bound's deductions by severity, after caps.
	Deductions map[string]float64 `json:"deductions"`
}

// AccountScore is one account's score, computed as the overall one is.
type AccountScore struct {
	Account  string        `json:"account"`
	Overall  float64       `json:"overall"`
	Upper    float64       `json:"upper"`
	Band     string        `json:"band"`
	Coverage float64       `json:"coverage"`
	OpenHigh int           `json:"open_high"`
	Pillars  []PillarScore `json:"pillars"`
}

// Scores are the scan's scores. Overall is the headline: the lower bound of the range
// [Overall, Upper], the mean of the five pillars' lower bounds.
type Scores struct {
	Overall  float64 `json:"overall"`
	Upper    float64 `json:"upper"`
	Band     string  `json:"band"`
	Partial  bool    `json:"partial"`
	Coverage float64 `json:"coverage"` // share of rule × resource verdicts judged
	OpenHigh int     `json:"open_high"`
	// ThirdRow is the deduction per item used for the unpublished third row, by severity, and
	// ThirdRowDefault whether it is tsa's guess (true) or a configured value.
	ThirdRow        map[string]float64 `json:"third_row"`
	ThirdRowDefault bool               `json:"third_row_default"`
	Pillars         []PillarScore      `json:"pillars"`
	Accounts        []AccountScore     `json:"accounts"`
	Constants       ScoringConstants   `json:"constants"`
}

// Deduction is one item's deduction given how many resources it found risky out of total.
func (k ScoringConstants) Deduction(severity string, risky, total int) float64 {
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

// WorstDeduction is the largest deduction an item of the severity can take, whatever its
// blast radius: what an item whose resources could not all be counted deducts in the lower
// bound.
func (k ScoringConstants) WorstDeduction(severity string) float64 {
	d := k.Deductions[severity]
	return max(d[0], d[1], d[2])
}
