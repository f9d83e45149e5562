package result

import (
	"time"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/inventory"
)

// Scan is a finished scan: what was read, what the rules found, and the scores.
type Scan struct {
	StartedAt   time.Time           `json:"started_at"`
	FinishedAt  time.Time           `json:"finished_at"`
	Partial     bool                `json:"partial"`     // something could not be read
	Interrupted bool                `json:"interrupted"` // stopped by a signal before the end
	Accounts    []inventory.Account `json:"accounts"`
	Coverage    Coverage            `json:"coverage"`
	Calls       []ActionStats       `json:"calls"`
	Scores      Scores              `json:"scores"`
	Rules       []RuleResult        `json:"rules"`
	Findings    []Finding           `json:"findings"`
	Resources   int                 `json:"resources"`
	Waivers     WaiverReport        `json:"waivers"`
}

// Coverage summarizes what the scan could and could not read.
type Coverage struct {
	Planned        int               `json:"planned"` // account × region × action outcomes
	OK             int               `json:"ok"`
	Failed         int               `json:"failed"`
	AccountsFailed int               `json:"accounts_failed"`
	Products       []ProductCoverage `json:"products"`
	Failures       []inventory.Call  `json:"failures"`
	// Monitor counts, per tsa metric key over every account and region, the subjects Cloud
	// Monitor was asked about and how many of them had data: a subject without data leaves its
	// metric rules unknown.
	Monitor []inventory.MetricCoverage `json:"monitor,omitempty"`
}

// ProductCoverage is the share of a product's planned calls that succeeded.
type ProductCoverage struct {
	Product string  `json:"product"`
	OK      int     `json:"ok"`
	Planned int     `json:"planned"`
	Percent float64 `json:"percent"`
}

// WaiverReport says what the waivers did: how many findings each covered, which expired and
// which matched nothing (both are worth a look: a waiver that matches nothing usually has a typo).
type WaiverReport struct {
	Applied   int             `json:"applied"`
	Expired   []config.Waiver `json:"expired"`
	Unmatched []config.Waiver `json:"unmatched"`
}

// ActionStats is the call accounting of one service:Action across a scan.
type ActionStats struct {
	Action    string `json:"action"`
	Calls     int    `json:"calls"`
	Retries   int    `json:"retries"`
	Throttles int    `json:"throttles"`
	Errors    int    `json:"errors"`
}
