package report

import (
	"time"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// Monthly is the monthly (or annual) service report as data: every section's numbers, tables
// and chart series, in the report's language. The PDF, HTML and JSON renderers draw it; none of
// them computes anything.
type Monthly struct {
	ID   string `json:"id"`   // TSA-<period>-<first 8 hex of Hash>
	Hash string `json:"hash"` // SHA-256 of the report's content (this struct without ID and Hash)
	// Kind is "service" (the plan includes the service report: TAM sections present) or
	// "self_service" (a self-service risk report without them).
	Kind     string    `json:"kind"`
	Lang     string    `json:"lang"`
	Period   Period    `json:"period"`
	Customer string    `json:"customer"`
	TAM      string    `json:"tam,omitempty"`
	Plan     string    `json:"plan"` // the highest tier among the accounts in scope
	Accounts []Account `json:"accounts"`
	// Generated is when the data was final: the last scan's finish. The report carries no wall
	// clock, so the same store and notes give the same bytes.
	Generated time.Time `json:"generated"`
	Scans     []ScanRef `json:"scans"` // the period's scans used, oldest first

	Summary         ExecSummary      `json:"summary"`
	Overview        Overview         `json:"overview"`
	Trend           Trend            `json:"trend"`
	TopRisks        []Risk           `json:"top_risks"`
	Recommendations []Recommendation `json:"recommendations,omitempty"`
	Remediation     Remediation      `json:"remediation"`
	Limits          Limits           `json:"limits"`
	Expiring        []Expiry         `json:"expiring"`
	Changes         Changes          `json:"changes"`
	Cost            Cost             `json:"cost"`
	Tickets         *Tickets         `json:"tickets"` // nil: no ticket data
	Events          *Events          `json:"events"`  // nil: no IEM data
	Requirements    []NoteRow        `json:"requirements,omitempty"`
	Projects        []NoteRow        `json:"projects,omitempty"`
	Optimisations   []NoteRow        `json:"optimisations,omitempty"`
	Details         []RuleDetail     `json:"details"`
	DetailsCap      int              `json:"details_cap"`   // findings shown per rule in the appendix
	DetailsTotal    int              `json:"details_total"` // open findings in all (the CSV has them all)
	Waivers         Waivers          `json:"waivers"`
	Methodology     Methodology      `json:"methodology"`
}

// Service reports whether the report is a full service report with its TAM sections.
func (m *Monthly) Service() bool { return m.Kind == "service" }

// Period is the calendar month (or year) the report covers, in its time zone.
type Period struct {
	Label    string    `json:"label"` // 2026-11 or 2026
	Annual   bool      `json:"annual"`
	From     time.Time `json:"from"`
	To       time.Time `json:"to"` // exclusive
	TimeZone string    `json:"time_zone"`
}

// Account is an account in scope, as its latest scan in the period saw it.
type Account struct {
	UIN     string   `json:"uin"`
	Name    string   `json:"name"`
	Plan    string   `json:"plan"`
	Regions []string `json:"regions"`
	Error   string   `json:"error,omitempty"` // the latest scan could not enter it
}

// ScanRef names a scan the report used.
type ScanRef struct {
	ID        int64     `json:"id"`
	StartedAt time.Time `json:"started_at"`
	Overall   float64   `json:"overall"`
	Band      string    `json:"band"`
}

// ExecSummary is the one-page executive summary.
type ExecSummary struct {
	Score float64 `json:"score"`
	// Upper is the score with unknown items counted as passing: the headline Score counts them
	// as failing, so the two are the range reading more could move it in.
	Upper     float64      `json:"upper"`
	Band      string       `json:"band"`
	Partial   bool         `json:"partial"`
	Previous  *ScanRef     `json:"previous,omitempty"` // the last scan of the period before
	Delta     *float64     `json:"delta,omitempty"`
	Pillars   []PillarLine `json:"pillars"`
	KPI       KPI          `json:"kpi"`
	TopRisks  []Risk       `json:"top_risks"`
	Narrative string       `json:"narrative"`
	ByTAM     bool         `json:"by_tam"` // the narrative is the TAM's, from the notes file
}

// PillarLine is one pillar's score with the share of what it covers that could be read.
type PillarLine struct {
	Pillar   string   `json:"pillar"`
	Score    float64  `json:"score"`
	Band     string   `json:"band"`
	Partial  bool     `json:"partial"`
	Coverage float64  `json:"coverage"` // percent of checks judged (not unknown)
	Fail     int      `json:"fail"`
	Unknown  int      `json:"unknown"`
	Delta    *float64 `json:"delta,omitempty"`
}

// KPI are the summary's tiles.
type KPI struct {
	OpenHigh   int `json:"open_high"`
	OpenMedium int `json:"open_medium"`
	New        int `json:"new"`
	Resolved   int `json:"resolved"`
	Overdue    int `json:"overdue"`
	QuotaHot   int `json:"quota_hot"`   // quotas at or above 80 %
	Expiring30 int `json:"expiring_30"` // resources expiring within 30 days
}

// Overview is the account overview: what is in scope and what could be read.
type Overview struct {
	Products  []string         `json:"products"`
	Regions   []string         `json:"regions"`   // "" is global
	Inventory map[string][]int `json:"inventory"` // product → count per region, in Regions order
	Resources int              `json:"resources"`
	Coverage  result.Coverage  `json:"coverage"`
}

// Trend is risk posture over the months up to the period's end.
type Trend struct {
	Months          []MonthPoint `json:"months"`
	AgeingByPillar  []AgeRow     `json:"ageing_by_pillar"`
	AgeingByProduct []AgeRow     `json:"ageing_by_product"`
}

// MonthPoint is one month of the trend: the score of its last scan, findings raised (new or
// reopened) and resolved over its scans.
type MonthPoint struct {
	Month    string   `json:"month"`
	Score    *float64 `json:"score"` // nil: no scan that month
	Band     string   `json:"band,omitempty"`
	Raised   int      `json:"raised"`
	Resolved int      `json:"resolved"`
}

// AgeRow counts open findings by age since first seen.
type AgeRow struct {
	Key    string `json:"key"`
	D30    int    `json:"d0_30"`
	D90    int    `json:"d31_90"`
	Over90 int    `json:"over_90"`
}

// Risk is a rule's failing findings: how far they reach and what fixing them is worth.
type Risk struct {
	RuleID   string  `json:"rule_id"`
	Title    string  `json:"title"`
	Pillar   string  `json:"pillar"`
	Severity string  `json:"severity"`
	Product  string  `json:"product"`
	Affected int     `json:"affected"`
	Assessed int     `json:"assessed"`
	Gain     float64 `json:"gain"` // overall score points regained if every finding of it were fixed
	Action   string  `json:"action"`
	Console  string  `json:"console"`
	Example  string  `json:"example"` // one finding's message
}

// Recommendation is a TAM recommendation: curated in the notes file, or a rule's built-in one.
type Recommendation struct {
	Title     string   `json:"title"`
	Rationale string   `json:"rationale"`
	Rules     []string `json:"rules,omitempty"`
	Findings  []string `json:"findings,omitempty"`
	Priority  string   `json:"priority"`
	Status    string   `json:"status"`
	Owner     string   `json:"owner,omitempty"`
	Due       string   `json:"due,omitempty"`
	Curated   bool     `json:"curated"` // from the notes file
}

// Remediation is remediation tracking: due dates by severity, what is overdue, how fast
// findings are resolved.
type Remediation struct {
	DueDays       map[string]int `json:"due_days"`
	Overdue       []Overdue      `json:"overdue"`
	OverdueTotal  int            `json:"overdue_total"`
	MTTR          []MTTR         `json:"mttr"`
	Raised        int            `json:"raised"`
	Resolved      int            `json:"resolved"`
	ResolvedRatio *float64       `json:"resolved_ratio"` // nil when nothing was raised
}

// Overdue is an open finding past its due date.
type Overdue struct {
	RuleID    string    `json:"rule_id"`
	Title     string    `json:"title"`
	Severity  string    `json:"severity"`
	Account   string    `json:"account"`
	Resource  string    `json:"resource"`
	FirstSeen time.Time `json:"first_seen"`
	Due       time.Time `json:"due"`
	DaysLate  int       `json:"days_late"`
}

// MTTR is the mean time to resolve of a pillar's findings resolved in the period.
type MTTR struct {
	Pillar   string   `json:"pillar"`
	Resolved int      `json:"resolved"`
	Days     *float64 `json:"days"`
}

// Limits are the service quotas read in the last scan.
type Limits struct {
	Rows   []Limit `json:"rows"`
	Hidden int     `json:"hidden"` // quotas under 50 %, not listed
}

// Limit is one quota: used of limit, its state and the same quota's use in earlier months.
type Limit struct {
	Account string    `json:"account"`
	Region  string    `json:"region"`
	Name    string    `json:"name"`
	Used    float64   `json:"used"`
	Limit   float64   `json:"limit"`
	Percent float64   `json:"percent"`
	State   string    `json:"state"` // ok, amber (≥ 80 %), red (≥ 100 %), unknown
	Trend   []float64 `json:"trend"` // percent at the end of each earlier month, oldest first; -1: not read
	Reason  string    `json:"reason,omitempty"`
}

// Expiry is a prepaid resource or certificate that expires soon.
type Expiry struct {
	Account   string    `json:"account"`
	Region    string    `json:"region"`
	Type      string    `json:"type"`
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Expires   time.Time `json:"expires"`
	Days      int       `json:"days"`
	AutoRenew bool      `json:"auto_renew"`
}

// Changes are the resources added and removed between the period's first and last scans.
type Changes struct {
	From    *ScanRef        `json:"from"` // nil: one scan only
	To      *ScanRef        `json:"to"`
	ByType  []TypeChange    `json:"by_type"`
	Items   []ResourceDelta `json:"items"`
	Omitted int             `json:"omitted"`
}

// TypeChange counts one resource type's additions and removals.
type TypeChange struct {
	Type    string `json:"type"`
	Added   int    `json:"added"`
	Removed int    `json:"removed"`
}

// ResourceDelta is one resource added or removed.
type ResourceDelta struct {
	Change  string `json:"change"` // added or removed
	Type    string `json:"type"`
	ID      string `json:"id"`
	Name    string `json:"name"`
	Account string `json:"account"`
	Region  string `json:"region"`
}

// Cost is idle and underused resources from the cost rules, and spend where billing was read.
type Cost struct {
	Rules []CostRule `json:"rules"`
	// BillingRead says whether any billing read succeeded; without it spend is unknown.
	BillingRead bool `json:"billing_read"`
}

// CostRule is one cost rule's failing resources.
type CostRule struct {
	RuleID    string   `json:"rule_id"`
	Title     string   `json:"title"`
	Count     int      `json:"count"`
	Resources []string `json:"resources"`
}

// Tickets is the support section's data, from a ticket ledger.
type Tickets struct {
	Rows []Ticket `json:"rows"`
}

// Ticket is one ticket draft or case and its state.
type Ticket struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Severity string    `json:"severity"`
	State    string    `json:"state"`
	Opened   time.Time `json:"opened"`
	RuleID   string    `json:"rule_id"`
}

// Events is the IEM section's data: audits run in the period and sessions used.
type Events struct {
	Audits       []EventAudit `json:"audits"`
	SessionsUsed int          `json:"sessions_used"`
	SessionsYear int          `json:"sessions_year"`
}

// EventAudit is one infrastructure event audit.
type EventAudit struct {
	Name   string    `json:"name"`
	Date   time.Time `json:"date"`
	Result string    `json:"result"`
}

// NoteRow is a row of one of the TAM's tables (requirements, projects, optimisations).
type NoteRow struct {
	Title    string `json:"title"`
	Status   string `json:"status"`
	Owner    string `json:"owner,omitempty"`
	Due      string `json:"due,omitempty"`
	Progress *int   `json:"progress,omitempty"`
	Note     string `json:"note,omitempty"`
}

// RuleDetail is the appendix entry of one rule: its texts and its open findings (capped).
type RuleDetail struct {
	RuleID      string           `json:"rule_id"`
	Title       string           `json:"title"`
	Pillar      string           `json:"pillar"`
	Severity    string           `json:"severity"`
	Remediation string           `json:"remediation"`
	Findings    []result.Finding `json:"findings"`
	Total       int              `json:"total"`
	all         []result.Finding // every open finding of the rule, for the CSV
}

// Waivers are the accepted risks: the waivers in force and the findings they cover.
type Waivers struct {
	Known   bool           `json:"known"` // the waiver files were given (tsa report --config)
	Rows    []WaiverRow    `json:"rows"`
	Waived  int            `json:"waived"` // waived findings in the last scan
	ByRule  map[string]int `json:"by_rule"`
	Soon    int            `json:"expiring_soon"`
	Expired int            `json:"expired"`
}

// WaiverRow is one waiver.
type WaiverRow struct {
	Rule    string     `json:"rule"`
	Scope   string     `json:"scope"`
	Reason  string     `json:"reason"`
	Owner   string     `json:"owner"`
	Expires *time.Time `json:"expires,omitempty"`
	State   string     `json:"state"` // active, soon (within 30 days), expired
	Source  string     `json:"source"`
	Covers  int        `json:"covers"` // waived findings of its rule in the last scan
}

// Methodology is how the numbers were made.
type Methodology struct {
	Constants    result.ScoringConstants `json:"constants"`
	Version      string                  `json:"tsa_version"`
	Rules        int                     `json:"rules"`
	WindowFrom   time.Time               `json:"window_from"`
	WindowTo     time.Time               `json:"window_to"`
	APIErrors    []inventory.Call        `json:"api_errors"`
	Entitlements []string                `json:"entitlements"`
	ScoresCover  []string                `json:"scores_cover"` // the accounts the scores were computed over
}
