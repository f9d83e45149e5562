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

// NotAssessed is the band of a score nothing was judged for: everything behind it was unread.
const NotAssessed = "not_assessed"

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
