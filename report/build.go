package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner/history"
	"github.com/tsa-scanner/tsa/support"
)

// Options say what a monthly report covers and with what.
type Options struct {
	Period   Period
	Accounts []string // empty: every account of the period's scans
	Lang     string   // zh-CN or en
	Notes    *Notes   // the TAM's notes; nil: none
	// Rules are the rule library's identities, for texts in Lang; a rule missing here is
	// shown with the title the store kept.
	Rules   []result.Rule
	Plans   *support.Catalog
	DueDays map[string]int  // days to remediate by severity; nil: DefaultDueDays
	Waivers []config.Waiver // the waiver files in force; nil: not given
	Tickets TicketReader    // nil: the store's ledger (StoreLedgers)
	Events  EventReader     // nil: the store's ledger (StoreLedgers)
	// DetailsCap bounds the findings listed per rule in the appendix (the CSV has them all);
	// zero: 20.
	DetailsCap int
	Version    string // the tsa that renders
}

// TicketReader reads a ticket ledger for the support section.
type TicketReader interface {
	Tickets(ctx context.Context, from, to time.Time, accounts []string) (*Tickets, error)
}

// EventReader reads the IEM ledger for the events section.
type EventReader interface {
	Events(ctx context.Context, from, to time.Time, accounts []string) (*Events, error)
}

// DefaultDueDays are the days a finding may stay open, by severity, before it is overdue.
var DefaultDueDays = map[string]int{"high": 7, "medium": 30, "low": 90}

// ErrNoScan means the period has no scan of the accounts in scope.
var ErrNoScan = errors.New("no scan in the report period")

// MonthPeriod returns the calendar month "2026-11" in loc.
func MonthPeriod(month string, loc *time.Location) (Period, error) {
	t, err := time.ParseInLocation("2006-01", month, loc)
	if err != nil {
		return Period{}, fmt.Errorf("month %q: want YYYY-MM, e.g. 2026-11", month)
	}
	return Period{Label: month, From: t, To: t.AddDate(0, 1, 0), TimeZone: loc.String()}, nil
}

// YearPeriod returns the calendar year "2026" in loc.
func YearPeriod(year string, loc *time.Location) (Period, error) {
	t, err := time.ParseInLocation("2006", year, loc)
	if err != nil {
		return Period{}, fmt.Errorf("year %q: want YYYY, e.g. 2026", year)
	}
	return Period{Label: year, Annual: true, From: t, To: t.AddDate(1, 0, 0), TimeZone: loc.String()}, nil
}

// builder holds what Build reads once and shares between sections.
type builder struct {
	ctx     context.Context
	st      *history.Store
	opts    Options
	loc     *time.Location
	scope   map[string]bool // accounts in scope; empty: all
	rules   map[string]result.Rule
	m       *Monthly
	last    history.Scan
	now     time.Time // the last scan's start: "now" for ages and due dates
	open    []history.Issue
	counts  []result.RuleResult
	snap    *history.Snapshot
	periodS []history.Scan
}

// Build reads the period's scans from the history store and assembles the report. It reads
// nothing but the store and its options.
func Build(ctx context.Context, st *history.Store, opts Options) (*Monthly, error) {
	loc, err := time.LoadLocation(opts.Period.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", opts.Period.TimeZone, err)
	}
	if opts.Lang == "" {
		opts.Lang = "zh-CN"
	}
	if !slices.Contains(Languages, opts.Lang) {
		return nil, fmt.Errorf("language %q: want one of %s", opts.Lang, strings.Join(Languages, ", "))
	}
	if opts.DueDays == nil {
		opts.DueDays = DefaultDueDays
	}
	if opts.DetailsCap == 0 {
		opts.DetailsCap = 20
	}
	if opts.Plans == nil {
		opts.Plans = support.Builtin()
	}
	if opts.Tickets == nil {
		opts.Tickets = StoreLedgers{st}
	}
	if opts.Events == nil {
		opts.Events = StoreLedgers{st}
	}
	b := &builder{ctx: ctx, st: st, opts: opts, loc: loc, scope: map[string]bool{}, rules: map[string]result.Rule{},
		m: &Monthly{Lang: opts.Lang, Period: opts.Period}}
	for _, a := range opts.Accounts {
		b.scope[a] = true
	}
	for _, r := range opts.Rules {
		b.rules[r.ID] = r
	}
	scans, err := st.ScansBetween(ctx, opts.Period.From, opts.Period.To)
	if err != nil {
		return nil, err
	}
	for _, s := range scans {
		if b.covers(s) {
			b.periodS = append(b.periodS, s)
		}
	}
	if len(b.periodS) == 0 {
		return nil, b.noScan(opts.Period)
	}
	b.last = b.periodS[len(b.periodS)-1]
	b.now = b.last.StartedAt
	if b.open, err = st.OpenAt(ctx, b.last.ID); err != nil {
		return nil, err
	}
	b.open = b.inScope(b.open)
	if b.counts, err = st.RuleCounts(ctx, b.last.ID); err != nil {
		return nil, err
	}
	if b.snap, err = st.Snapshot(ctx, b.last.ID); err != nil {
		return nil, err
	}
	for _, step := range []func() error{b.cover, b.overview, b.trend, b.risks, b.remediation, b.limits, b.expiring,
		b.changes, b.cost, b.ledgers, b.notes, b.details, b.waivers, b.methodology, b.summary} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return b.m, b.m.seal()
}

// covers reports whether a scan scanned any account in scope.
func (b *builder) covers(s history.Scan) bool {
	for _, a := range s.Accounts {
		if len(b.scope) == 0 || b.scope[a.UIN] {
			return true
		}
	}
	return false
}

func (b *builder) inScope(is []history.Issue) []history.Issue {
	if len(b.scope) == 0 {
		return is
	}
	out := is[:0:0]
	for _, i := range is {
		if b.scope[i.Account] {
			out = append(out, i)
		}
	}
	return out
}

func (b *builder) accountIn(uin string) bool { return len(b.scope) == 0 || b.scope[uin] }

// noScan says which months do have scans.
func (b *builder) noScan(p Period) error {
	times, err := b.st.ScanTimes(b.ctx)
	if err != nil {
		return err
	}
	var months []string
	for _, t := range times {
		m := t.In(b.loc).Format("2006-01")
		if !slices.Contains(months, m) {
			months = append(months, m)
		}
	}
	scope := ""
	if len(b.scope) > 0 {
		scope = " of accounts " + strings.Join(b.opts.Accounts, ",")
	}
	if len(months) == 0 {
		return fmt.Errorf("%w %s%s: the history store holds no scans (tsa scan records them)", ErrNoScan, p.Label, scope)
	}
	return fmt.Errorf("%w %s (%s)%s: the store has scans in %s", ErrNoScan, p.Label, p.TimeZone, scope, strings.Join(months, ", "))
}

// text returns a rule's texts in the report's language, or what the store kept of it.
func (b *builder) text(ruleID, stored string) result.RuleText {
	r, ok := b.rules[ruleID]
	if !ok {
		return result.RuleText{Title: stored}
	}
	return r.Text(b.opts.Lang)
}

// product is the product a rule or resource type belongs to.
func (b *builder) product(ruleID, resourceType string) string {
	if r, ok := b.rules[ruleID]; ok && r.Product != "" {
		return r.Product
	}
	p, _, _ := strings.Cut(resourceType, ".")
	return p
}

func (b *builder) cover() error {
	m := b.m
	m.Generated = b.last.FinishedAt
	for _, s := range b.periodS {
		m.Scans = append(m.Scans, ScanRef{ID: s.ID, StartedAt: s.StartedAt, Overall: s.Overall, Band: s.Band})
	}
	seen := map[string]bool{}
	for i := len(b.periodS) - 1; i >= 0; i-- {
		for _, a := range b.periodS[i].Accounts {
			if seen[a.UIN] || !b.accountIn(a.UIN) {
				continue
			}
			seen[a.UIN] = true
			m.Accounts = append(m.Accounts, Account{UIN: a.UIN, Name: a.Name, Plan: a.Plan, Regions: a.Regions, Error: a.Error})
		}
	}
	sort.Slice(m.Accounts, func(i, j int) bool { return m.Accounts[i].UIN < m.Accounts[j].UIN })
	tiers := support.Tiers()
	best := -1
	for _, a := range m.Accounts {
		if i := slices.Index(tiers, a.Plan); i > best {
			best = i
		}
	}
	m.Plan = "basic"
	if best >= 0 {
		m.Plan = tiers[best]
	}
	plan, _ := b.opts.Plans.Plan(m.Plan)
	m.Kind = "self_service"
	if plan.Has("service_report") {
		m.Kind = "service"
	}
	m.Customer = m.Accounts[0].Name
	if n := b.opts.Notes; n != nil {
		if n.Customer != "" {
			m.Customer = n.Customer
		}
		m.TAM = n.TAM
	}
	return nil
}

// resourceProducts are inventory types that are not resources a customer counts.
func counted(t string) bool {
	return t != "monitor.metric" && !strings.HasSuffix(t, "quota") && !strings.HasSuffix(t, "limits")
}

func (b *builder) overview() error {
	o := &b.m.Overview
	counts := map[string]map[string]int{}
	regions := map[string]bool{}
	for _, r := range b.snap.Resources {
		if !counted(r.Type) || !b.accountIn(r.Account) {
			continue
		}
		p, _, _ := strings.Cut(r.Type, ".")
		if counts[p] == nil {
			counts[p] = map[string]int{}
		}
		counts[p][r.Region]++
		regions[r.Region] = true
		o.Resources++
	}
	for r := range regions {
		o.Regions = append(o.Regions, r)
	}
	sort.Strings(o.Regions)
	o.Inventory = map[string][]int{}
	for p, byRegion := range counts {
		o.Products = append(o.Products, p)
		row := make([]int, len(o.Regions))
		for i, r := range o.Regions {
			row[i] = byRegion[r]
		}
		o.Inventory[p] = row
	}
	sort.Strings(o.Products)
	cov := b.last.Coverage
	var failures []inventory.Call
	for _, f := range cov.Failures {
		if b.accountIn(f.Account) {
			failures = append(failures, f)
		}
	}
	cov.Failures = failures
	o.Coverage = cov
	return nil
}

// trend gives up to 12 months of score and raised/resolved counts ending with the period.
func (b *builder) trend() error {
	end := b.opts.Period.To
	start := time.Date(end.In(b.loc).Year(), end.In(b.loc).Month()-12, 1, 0, 0, 0, 0, b.loc)
	scans, err := b.st.ScansBetween(b.ctx, start, end)
	if err != nil {
		return err
	}
	var points []MonthPoint
	for m := start; m.Before(end); m = m.AddDate(0, 1, 0) {
		points = append(points, MonthPoint{Month: m.Format("2006-01")})
	}
	for _, s := range scans {
		if !b.covers(s) {
			continue
		}
		key := s.StartedAt.In(b.loc).Format("2006-01")
		for i := range points {
			if points[i].Month != key {
				continue
			}
			v := s.Overall
			points[i].Score, points[i].Band = &v, s.Band
			points[i].Raised += s.Counts.New + s.Counts.Reopened
			points[i].Resolved += s.Counts.Resolved
		}
	}
	// Leading months without scans say nothing: start the trend at the first scanned month.
	for len(points) > 1 && points[0].Score == nil {
		points = points[1:]
	}
	b.m.Trend.Months = points
	byPillar, byProduct := map[string]*AgeRow{}, map[string]*AgeRow{}
	for _, p := range result.Pillars {
		byPillar[p] = &AgeRow{Key: p}
	}
	for _, is := range b.open {
		if is.Status != result.Fail {
			continue
		}
		prod := b.product(is.RuleID, is.ResourceType)
		if byProduct[prod] == nil {
			byProduct[prod] = &AgeRow{Key: prod}
		}
		for _, row := range []*AgeRow{byPillar[is.Pillar], byProduct[prod]} {
			if row == nil {
				continue
			}
			switch days := b.now.Sub(is.FirstSeen).Hours() / 24; {
			case is.FirstSeen.IsZero() || days <= 30:
				row.D30++
			case days <= 90:
				row.D90++
			default:
				row.Over90++
			}
		}
	}
	for _, p := range result.Pillars {
		b.m.Trend.AgeingByPillar = append(b.m.Trend.AgeingByPillar, *byPillar[p])
	}
	for _, r := range byProduct {
		b.m.Trend.AgeingByProduct = append(b.m.Trend.AgeingByProduct, *r)
	}
	sort.Slice(b.m.Trend.AgeingByProduct, func(i, j int) bool {
		a, c := b.m.Trend.AgeingByProduct[i], b.m.Trend.AgeingByProduct[j]
		if ta, tc := a.D30+a.D90+a.Over90, c.D30+c.D90+c.Over90; ta != tc {
			return ta > tc
		}
		return a.Key < c.Key
	})
	return nil
}

// consoles are the console pages of each product.
var consoles = map[string]string{
	"cvm": "cvm/instance", "cbs": "cvm/cbs", "vpc": "vpc/vpc", "cdb": "cdb", "redis": "redis", "mongodb": "mongodb",
	"clb": "clb", "cos": "cos", "cam": "cam", "ssl": "ssl", "tke": "tke2", "cloudaudit": "cloudaudit", "monitor": "monitor",
}

// Console returns the console link of a product.
func Console(product string) string {
	page, ok := consoles[product]
	if !ok {
		page = product
	}
	return "https://console.cloud.tencent.com/" + page
}

var sevRank = map[string]int{"high": 0, "medium": 1, "low": 2}

// risks ranks rules by blast radius: severity, then resources affected, then score gain.
func (b *builder) risks() error {
	k := b.last.Scores.Constants
	if k.Deductions == nil {
		k = result.DefaultScoring()
	}
	type item struct{ rule, sev string }
	risky := map[item]int{}
	example := map[string]string{}
	affected := map[string]int{}
	for _, is := range b.open {
		if is.Status == result.Fail && is.Event != history.Carried {
			risky[item{is.RuleID, is.Severity}]++
		}
		if is.Status == result.Fail {
			affected[is.RuleID]++
			if _, ok := example[is.RuleID]; !ok {
				example[is.RuleID] = is.Message
			}
		}
	}
	// Raw (uncapped) deductions per pillar and severity, to tell what fixing one rule regains.
	raw := map[string]map[string]float64{}
	own := map[string]map[string]float64{}
	totals := map[string]int{}
	for _, rc := range b.counts {
		total := rc.Total() - rc.Waived
		totals[rc.Rule.ID] = rc.Total()
		for _, sev := range result.Severities {
			n := risky[item{rc.Rule.ID, sev}]
			if n == 0 {
				continue
			}
			d := k.Deduction(sev, n, total)
			if raw[rc.Rule.Pillar] == nil {
				raw[rc.Rule.Pillar] = map[string]float64{}
			}
			raw[rc.Rule.Pillar][sev] += d
			if own[rc.Rule.ID] == nil {
				own[rc.Rule.ID] = map[string]float64{}
			}
			own[rc.Rule.ID][sev] += d
		}
	}
	scored := 0
	for _, p := range b.last.Scores.Pillars {
		if p.Band != result.NotAssessed {
			scored++
		}
	}
	var out []Risk
	for _, rc := range b.counts {
		if affected[rc.Rule.ID] == 0 {
			continue
		}
		gain := 0.0
		for sev, d := range own[rc.Rule.ID] {
			all := raw[rc.Rule.Pillar][sev]
			gain += math.Min(all, k.Caps[sev]) - math.Min(all-d, k.Caps[sev])
		}
		if scored > 0 {
			gain /= float64(scored)
		}
		t := b.text(rc.Rule.ID, rc.Rule.Title)
		prod := b.product(rc.Rule.ID, "")
		out = append(out, Risk{RuleID: rc.Rule.ID, Title: t.Title, Pillar: rc.Rule.Pillar, Severity: rc.Rule.Severity,
			Product: prod, Affected: affected[rc.Rule.ID], Assessed: totals[rc.Rule.ID], Gain: math.Round(gain*100) / 100,
			Action: t.Remediation, Console: Console(prod), Example: example[rc.Rule.ID]})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, c := out[i], out[j]
		if sevRank[a.Severity] != sevRank[c.Severity] {
			return sevRank[a.Severity] < sevRank[c.Severity]
		}
		if a.Affected != c.Affected {
			return a.Affected > c.Affected
		}
		if a.Gain != c.Gain {
			return a.Gain > c.Gain
		}
		return a.RuleID < c.RuleID
	})
	b.m.TopRisks = out[:min(len(out), 10)]
	b.m.Summary.TopRisks = out[:min(len(out), 5)]
	if b.m.Service() {
		for _, r := range out[:min(len(out), 10)] {
			t := b.text(r.RuleID, r.Title)
			if t.TAMRecommendation == "" {
				continue
			}
			b.m.Recommendations = append(b.m.Recommendations, Recommendation{Title: r.Title, Rationale: t.TAMRecommendation,
				Rules: []string{r.RuleID}, Priority: r.Severity, Status: "open"})
		}
	}
	return nil
}

func (b *builder) remediation() error {
	r := &b.m.Remediation
	r.DueDays = b.opts.DueDays
	for _, is := range b.open {
		if is.Status != result.Fail || is.FirstSeen.IsZero() {
			continue
		}
		days, ok := b.opts.DueDays[is.Severity]
		if !ok {
			continue
		}
		due := is.FirstSeen.AddDate(0, 0, days)
		if !due.Before(b.now) {
			continue
		}
		r.OverdueTotal++
		res := is.ResourceID
		if is.ResourceName != "" {
			res += " (" + is.ResourceName + ")"
		}
		r.Overdue = append(r.Overdue, Overdue{RuleID: is.RuleID, Title: b.text(is.RuleID, is.Title).Title, Severity: is.Severity,
			Account: is.Account, Resource: res, FirstSeen: is.FirstSeen, Due: due, DaysLate: int(b.now.Sub(due).Hours() / 24)})
	}
	sort.SliceStable(r.Overdue, func(i, j int) bool {
		a, c := r.Overdue[i], r.Overdue[j]
		if sevRank[a.Severity] != sevRank[c.Severity] {
			return sevRank[a.Severity] < sevRank[c.Severity]
		}
		if a.DaysLate != c.DaysLate {
			return a.DaysLate > c.DaysLate
		}
		return a.RuleID+a.Resource < c.RuleID+c.Resource
	})
	var ids []int64
	for _, s := range b.periodS {
		ids = append(ids, s.ID)
		r.Raised += s.Counts.New + s.Counts.Reopened
	}
	resolved, err := b.st.ResolvedBy(b.ctx, ids)
	if err != nil {
		return err
	}
	resolved = b.inScope(resolved)
	r.Resolved = len(resolved)
	if r.Raised > 0 {
		v := math.Round(float64(r.Resolved)/float64(r.Raised)*100) / 100
		r.ResolvedRatio = &v
	}
	sum, n := map[string]float64{}, map[string]int{}
	for _, is := range resolved {
		sum[is.Pillar] += is.ResolvedAt.Sub(is.FirstSeen).Hours() / 24
		n[is.Pillar]++
	}
	for _, p := range result.Pillars {
		row := MTTR{Pillar: p, Resolved: n[p]}
		if n[p] > 0 {
			v := math.Round(sum[p]/float64(n[p])*10) / 10
			row.Days = &v
		}
		r.MTTR = append(r.MTTR, row)
	}
	return nil
}

// seal computes the content hash and the report id from it.
func (m *Monthly) seal() error {
	m.ID, m.Hash = "", ""
	raw, err := json.Marshal(m)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(raw)
	m.Hash = hex.EncodeToString(sum[:])
	m.ID = "TSA-" + m.Period.Label + "-" + strings.ToUpper(m.Hash[:8])
	return nil
}
