package report

import (
	"encoding/json"
	"fmt"
	"math"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/iem"
	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner/history"
)

// quotaHot is the use at which a quota is amber; at 100 % it is red.
const quotaHot = 80

// quotaShown is the use below which a quota is counted but not listed.
const quotaShown = 50

// quotaActions are the reads behind the quota resources: a failed one makes its quotas unknown.
var quotaActions = map[string]string{
	"cvm:DescribeAccountQuota": "CVM", "clb:DescribeQuota": "CLB", "vpc:DescribeAddressQuota": "EIP",
}

// quotas reads the quota resources of a snapshot: used and limit by account, region and name.
func quotas(snap *history.Snapshot, in func(string) bool) map[string]Limit {
	out := map[string]Limit{}
	add := func(r inventory.Resource, name string, used, limit float64) {
		if limit <= 0 {
			return
		}
		l := Limit{Account: r.Account, Region: r.Region, Name: name, Used: used, Limit: limit,
			Percent: math.Round(used/limit*1000) / 10}
		out[r.Account+"|"+r.Region+"|"+name] = l
	}
	for _, r := range snap.Resources {
		if !in(r.Account) {
			continue
		}
		switch r.Type {
		case "cvm.quota":
			var d struct {
				AccountQuota map[string]json.RawMessage
			}
			if json.Unmarshal(r.Data, &d) != nil {
				continue
			}
			for _, set := range []string{"PostPaidQuotaSet", "PrePaidQuotaSet", "SpotPaidQuotaSet"} {
				var zones []struct {
					Zone                  string
					UsedQuota, TotalQuota *float64
				}
				if json.Unmarshal(d.AccountQuota[set], &zones) != nil {
					continue
				}
				for _, z := range zones {
					if z.UsedQuota != nil && z.TotalQuota != nil {
						add(r, "CVM "+strings.TrimSuffix(set, "QuotaSet")+" "+z.Zone, *z.UsedQuota, *z.TotalQuota)
					}
				}
			}
		case "clb.quota", "vpc.address_quota":
			var d struct {
				QuotaSet []struct {
					QuotaID      string `json:"QuotaId"`
					QuotaCurrent *float64
					QuotaLimit   *float64
				}
			}
			if json.Unmarshal(r.Data, &d) != nil {
				continue
			}
			for _, q := range d.QuotaSet {
				if q.QuotaCurrent != nil && q.QuotaLimit != nil {
					add(r, q.QuotaID, *q.QuotaCurrent, *q.QuotaLimit)
				}
			}
		}
	}
	return out
}

func limitState(pct float64) string {
	switch {
	case pct >= 100:
		return "red"
	case pct >= quotaHot:
		return "amber"
	}
	return "ok"
}

// limits lists the quotas at or above 50 % with their use at the end of up to five earlier
// months, and the quota reads that failed as unknown.
func (b *builder) limits() error {
	now := quotas(b.snap, b.accountIn)
	var earlier []map[string]Limit
	for i := 5; i >= 1; i-- {
		snap, err := b.monthEndSnapshot(b.opts.Period.From.AddDate(0, -i+1, 0))
		if err != nil {
			return err
		}
		if snap == nil {
			continue
		}
		earlier = append(earlier, quotas(snap, b.accountIn))
	}
	l := &b.m.Limits
	for key, q := range now {
		if q.Percent < quotaShown {
			l.Hidden++
			continue
		}
		q.State = limitState(q.Percent)
		for _, e := range earlier {
			v := -1.0
			if x, ok := e[key]; ok {
				v = x.Percent
			}
			q.Trend = append(q.Trend, v)
		}
		l.Rows = append(l.Rows, q)
	}
	for _, f := range b.last.Coverage.Failures {
		if name, ok := quotaActions[f.Action]; ok && b.accountIn(f.Account) {
			l.Rows = append(l.Rows, Limit{Account: f.Account, Region: f.Region, Name: name + " quotas", State: "unknown",
				Reason: f.Code})
		}
	}
	rank := map[string]int{"red": 0, "amber": 1, "unknown": 2, "ok": 3}
	sort.Slice(l.Rows, func(i, j int) bool {
		a, c := l.Rows[i], l.Rows[j]
		if rank[a.State] != rank[c.State] {
			return rank[a.State] < rank[c.State]
		}
		if a.Percent != c.Percent {
			return a.Percent > c.Percent
		}
		return a.Account+a.Region+a.Name < c.Account+c.Region+c.Name
	})
	return nil
}

// monthEndSnapshot is the inventory of the last scan in scope before the month that starts at
// end; nil when that month (the one before end) has no scan.
func (b *builder) monthEndSnapshot(end time.Time) (*history.Snapshot, error) {
	start := end.AddDate(0, -1, 0)
	scans, err := b.st.ScansBetween(b.ctx, start, end)
	if err != nil {
		return nil, err
	}
	for i := len(scans) - 1; i >= 0; i-- {
		if b.covers(scans[i]) {
			return b.st.Snapshot(b.ctx, scans[i].ID)
		}
	}
	return nil, nil
}

// expiry says where a type keeps its expiry and auto-renewal.
type expiry struct {
	at, layout string
	loc        *time.Location
	// prepaid and autoRenew read the resource's data.
	prepaid   func(map[string]any) bool
	autoRenew func(map[string]any) bool
}

// utc8 is the zone of the API's local times.
var utc8 = time.FixedZone("UTC+8", 8*3600)

func equals(key string, want ...any) func(map[string]any) bool {
	return func(d map[string]any) bool {
		for _, w := range want {
			if fmt.Sprint(d[key]) == fmt.Sprint(w) {
				return true
			}
		}
		return false
	}
}

func always(map[string]any) bool { return true }

// expiries are the types with a paid-until date.
var expiries = map[string]expiry{
	"cvm.instance":      {"ExpiredTime", time.RFC3339, time.UTC, equals("InstanceChargeType", "PREPAID"), equals("RenewFlag", "NOTIFY_AND_AUTO_RENEW")},
	"cbs.disk":          {"DeadlineTime", time.DateTime, utc8, equals("DiskChargeType", "PREPAID"), equals("RenewFlag", "NOTIFY_AND_AUTO_RENEW")},
	"cdb.instance":      {"DeadlineTime", time.DateTime, utc8, equals("PayType", 0), equals("AutoRenew", 1)},
	"redis.instance":    {"DeadlineTime", time.DateTime, utc8, equals("BillingMode", 1), equals("AutoRenewFlag", 1)},
	"mongodb.instance":  {"DeadLine", time.DateTime, utc8, equals("PayMode", 1), equals("AutoRenewFlag", 1)},
	"clb.load_balancer": {"ExpireTime", time.DateTime, utc8, equals("ChargeType", "PREPAID"), equals("RenewFlag", "NOTIFY_AND_AUTO_RENEW")},
	"vpc.vpn_gateway":   {"ExpiredTime", time.DateTime, utc8, equals("InstanceChargeType", "PREPAID"), equals("RenewFlag", "NOTIFY_AND_AUTO_RENEW")},
	"ssl.certificate":   {"CertEndTime", time.DateTime, utc8, always, equals("AutoRenewFlag", 1)},
}

// expiryWindow is how far ahead the report looks for expiring resources.
const expiryWindow = 60

// expiring lists prepaid resources and certificates expiring within 60 days of the last scan's
// clock, those without auto-renewal first.
func (b *builder) expiring() error {
	now := b.last.RulesNow
	if now.IsZero() {
		now = b.now
	}
	for _, r := range b.snap.Resources {
		e, ok := expiries[r.Type]
		if !ok || !b.accountIn(r.Account) {
			continue
		}
		var d map[string]any
		if json.Unmarshal(r.Data, &d) != nil || !e.prepaid(d) {
			continue
		}
		s, _ := d[e.at].(string)
		at, err := time.ParseInLocation(e.layout, s, e.loc)
		if err != nil {
			continue
		}
		days := int(math.Floor(at.Sub(now).Hours() / 24))
		if days < 0 || days > expiryWindow {
			continue
		}
		b.m.Expiring = append(b.m.Expiring, Expiry{Account: r.Account, Region: r.Region, Type: r.Type, ID: r.ID, Name: r.Name,
			Expires: at, Days: days, AutoRenew: e.autoRenew(d)})
	}
	sort.Slice(b.m.Expiring, func(i, j int) bool {
		a, c := b.m.Expiring[i], b.m.Expiring[j]
		if a.AutoRenew != c.AutoRenew {
			return !a.AutoRenew
		}
		if a.Days != c.Days {
			return a.Days < c.Days
		}
		return a.ID < c.ID
	})
	return nil
}

// changesShown bounds the resources listed as added or removed.
const changesShown = 40

// changes compares the inventories of the period's first and last scans.
func (b *builder) changes() error {
	c := &b.m.Changes
	to := b.m.Scans[len(b.m.Scans)-1]
	c.To = &to
	if len(b.periodS) < 2 {
		return nil
	}
	from := b.m.Scans[0]
	c.From = &from
	first, err := b.st.Snapshot(b.ctx, b.periodS[0].ID)
	if err != nil {
		return err
	}
	index := func(s *history.Snapshot) map[string]inventory.Resource {
		out := map[string]inventory.Resource{}
		for _, r := range s.Resources {
			if counted(r.Type) && b.accountIn(r.Account) {
				out[r.Type+"|"+r.Account+"|"+r.Region+"|"+r.ID] = r
			}
		}
		return out
	}
	before, after := index(first), index(b.snap)
	byType := map[string]*TypeChange{}
	note := func(change string, r inventory.Resource) {
		// Snapshots come and go every day: counted by type, not listed one by one.
		routine := r.Type == "cbs.snapshot"
		t := byType[r.Type]
		if t == nil {
			t = &TypeChange{Type: r.Type}
			byType[r.Type] = t
		}
		if change == "added" {
			t.Added++
		} else {
			t.Removed++
		}
		if routine {
			return
		}
		c.Items = append(c.Items, ResourceDelta{Change: change, Type: r.Type, ID: r.ID, Name: r.Name, Account: r.Account, Region: r.Region})
	}
	for k, r := range after {
		if _, ok := before[k]; !ok {
			note("added", r)
		}
	}
	for k, r := range before {
		if _, ok := after[k]; !ok {
			note("removed", r)
		}
	}
	for _, t := range byType {
		c.ByType = append(c.ByType, *t)
	}
	sort.Slice(c.ByType, func(i, j int) bool { return c.ByType[i].Type < c.ByType[j].Type })
	sort.Slice(c.Items, func(i, j int) bool {
		a, d := c.Items[i], c.Items[j]
		return a.Change+a.Type+a.Account+a.Region+a.ID < d.Change+d.Type+d.Account+d.Region+d.ID
	})
	if len(c.Items) > changesShown {
		c.Omitted = len(c.Items) - changesShown
		c.Items = c.Items[:changesShown]
	}
	return nil
}

func (b *builder) cost() error {
	byRule := map[string]*CostRule{}
	for _, is := range b.open {
		if is.Pillar != "cost" || is.Status != result.Fail {
			continue
		}
		cr := byRule[is.RuleID]
		if cr == nil {
			cr = &CostRule{RuleID: is.RuleID, Title: b.text(is.RuleID, is.Title).Title}
			byRule[is.RuleID] = cr
		}
		cr.Count++
		name := is.ResourceID
		if is.ResourceName != "" {
			name = is.ResourceName
		}
		if len(cr.Resources) < 4 {
			cr.Resources = append(cr.Resources, name)
		}
	}
	for _, cr := range byRule {
		b.m.Cost.Rules = append(b.m.Cost.Rules, *cr)
	}
	sort.Slice(b.m.Cost.Rules, func(i, j int) bool {
		a, c := b.m.Cost.Rules[i], b.m.Cost.Rules[j]
		if a.Count != c.Count {
			return a.Count > c.Count
		}
		return a.RuleID < c.RuleID
	})
	for _, c := range b.snap.Coverage {
		if strings.HasPrefix(c.Action, "billing:") && c.OK && b.accountIn(c.Account) {
			b.m.Cost.BillingRead = true
		}
	}
	return nil
}

// ledgers reads the optional ticket and IEM ledgers.
func (b *builder) ledgers() error {
	p := b.opts.Period
	var err error
	if b.opts.Tickets != nil {
		if b.m.Tickets, err = b.opts.Tickets.Tickets(b.ctx, p.From, p.To, b.opts.Accounts); err != nil {
			return fmt.Errorf("reading tickets: %w", err)
		}
	}
	if b.opts.Events != nil && b.m.Service() {
		if b.m.Events, err = b.opts.Events.Events(b.ctx, p.From, p.To, b.opts.Accounts); err != nil {
			return fmt.Errorf("reading IEM audits: %w", err)
		}
	}
	if b.m.Events != nil {
		for _, a := range b.m.Accounts {
			if plan, ok := b.opts.Plans.Plan(a.Plan); ok && plan.Has("infrastructure_event_management") {
				b.m.Events.SessionsYear += iem.SessionsPerYear
			}
		}
	}
	return nil
}

// notes merges the TAM's notes: curated recommendations before the built-in ones, and the
// TAM's tables. A self-service report has no TAM sections.
func (b *builder) notes() error {
	n := b.opts.Notes
	if n == nil || !b.m.Service() {
		return nil
	}
	known := map[string]bool{}
	for _, is := range b.open {
		known[is.ID] = true
	}
	var curated []Recommendation
	covered := map[string]bool{}
	for _, r := range n.Recommendations {
		for _, id := range r.Findings {
			if !known[id] {
				return fmt.Errorf("%s:%d: finding %q is not open in the report's last scan (scan %d)", n.Path, r.findingLine(id), id, b.last.ID)
			}
		}
		for _, id := range r.Rules {
			covered[id] = true
		}
		curated = append(curated, Recommendation{Title: r.Title.In(b.opts.Lang), Rationale: r.Rationale.In(b.opts.Lang), Rules: r.Rules, Findings: r.Findings,
			Priority: r.Priority, Status: r.Status, Owner: r.Owner, Due: r.Due.String(), Curated: true})
	}
	var builtin []Recommendation
	for _, r := range b.m.Recommendations {
		if !covered[r.Rules[0]] {
			builtin = append(builtin, r)
		}
	}
	b.m.Recommendations = append(curated, builtin...)
	for _, r := range n.Requirements {
		b.m.Requirements = append(b.m.Requirements, r.row(b.opts.Lang))
	}
	for _, r := range n.Projects {
		b.m.Projects = append(b.m.Projects, r.row(b.opts.Lang))
	}
	for _, r := range n.Optimisations {
		b.m.Optimisations = append(b.m.Optimisations, r.row(b.opts.Lang))
	}
	return nil
}

func (b *builder) details() error {
	byRule := map[string]*RuleDetail{}
	var order []string
	for _, is := range b.open {
		if is.Status != result.Fail {
			continue
		}
		b.m.DetailsTotal++
		d := byRule[is.RuleID]
		if d == nil {
			t := b.text(is.RuleID, is.Title)
			d = &RuleDetail{RuleID: is.RuleID, Title: t.Title, Pillar: is.Pillar, Severity: is.Severity, Remediation: t.Remediation}
			byRule[is.RuleID] = d
			order = append(order, is.RuleID)
		}
		d.Total++
		d.all = append(d.all, is.Finding)
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, c := byRule[order[i]], byRule[order[j]]
		if sevRank[a.Severity] != sevRank[c.Severity] {
			return sevRank[a.Severity] < sevRank[c.Severity]
		}
		return a.RuleID < c.RuleID
	})
	for _, id := range order {
		d := byRule[id]
		result.SortFindings(d.all)
		d.Findings = d.all[:min(len(d.all), b.opts.DetailsCap)]
		b.m.Details = append(b.m.Details, *d)
	}
	b.m.DetailsCap = b.opts.DetailsCap
	return nil
}

// waiverSoon is how close to its expiry a waiver is flagged.
const waiverSoon = 30 * 24 * time.Hour

func (b *builder) waivers() error {
	w := &b.m.Waivers
	w.ByRule = map[string]int{}
	for _, is := range b.open {
		if is.Status == result.Waived {
			w.Waived++
			w.ByRule[is.RuleID]++
		}
	}
	if b.opts.Waivers == nil {
		return nil
	}
	w.Known = true
	for _, x := range b.opts.Waivers {
		if x.Account != "" && !b.accountIn(x.Account) {
			continue
		}
		row := WaiverRow{Rule: x.Rule, Reason: x.Reason, Owner: x.Owner, Source: x.Source, State: "active"}
		var scope []string
		for _, s := range []string{x.Account, x.Region, x.Resource} {
			if s != "" {
				scope = append(scope, s)
			}
		}
		for _, k := range sortedKeys(x.Tags) {
			scope = append(scope, k+"="+x.Tags[k])
		}
		row.Scope = strings.Join(scope, " ")
		if !x.Expires.IsZero() {
			t := x.Expires.Time
			row.Expires = &t
			switch {
			case !t.After(b.now):
				row.State = "expired"
				w.Expired++
			case t.Sub(b.now) <= waiverSoon:
				row.State = "soon"
				w.Soon++
			}
		}
		for rule, n := range w.ByRule {
			if ok, _ := path.Match(x.Rule, rule); ok {
				row.Covers += n
			}
		}
		w.Rows = append(w.Rows, row)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (b *builder) methodology() error {
	me := &b.m.Methodology
	me.Constants = b.last.Scores.Constants
	if me.Constants.Deductions == nil {
		me.Constants = result.DefaultScoring()
	}
	me.Version = b.last.Version
	me.Rules = len(b.counts)
	me.WindowFrom, me.WindowTo = b.periodS[0].StartedAt, b.last.FinishedAt
	me.APIErrors = b.m.Overview.Coverage.Failures
	plan, _ := b.opts.Plans.Plan(b.m.Plan)
	me.Entitlements = plan.Entitlements
	for _, a := range b.last.Accounts {
		me.ScoresCover = append(me.ScoresCover, a.UIN)
	}
	return nil
}

// summary comes last: it quotes the other sections.
func (b *builder) summary() error {
	s := &b.m.Summary
	sc := b.last.Scores
	s.Score, s.Upper, s.Band, s.Partial = sc.Overall, sc.Upper, sc.Band, sc.Partial
	prev, err := b.previous()
	if err != nil {
		return err
	}
	prevPillar := map[string]float64{}
	if prev != nil {
		s.Previous = &ScanRef{ID: prev.ID, StartedAt: prev.StartedAt, Overall: prev.Overall, Band: prev.Band}
		if prev.Band != result.NotAssessed && sc.Band != result.NotAssessed {
			d := math.Round((sc.Overall-prev.Overall)*10) / 10
			s.Delta = &d
		}
		for _, p := range prev.Scores.Pillars {
			if p.Band != result.NotAssessed {
				prevPillar[p.Pillar] = p.Score
			}
		}
	}
	for _, p := range sc.Pillars {
		total := p.Fail + p.Pass + p.Unknown + p.Waived
		line := PillarLine{Pillar: p.Pillar, Score: p.Score, Band: p.Band, Partial: p.Partial, Fail: p.Fail, Unknown: p.Unknown}
		if total > 0 {
			line.Coverage = math.Round(float64(total-p.Unknown)/float64(total)*1000) / 10
		}
		if v, ok := prevPillar[p.Pillar]; ok && p.Band != result.NotAssessed {
			d := math.Round((p.Score-v)*10) / 10
			line.Delta = &d
		}
		s.Pillars = append(s.Pillars, line)
	}
	k := &s.KPI
	for _, is := range b.open {
		if is.Status != result.Fail {
			continue
		}
		switch is.Severity {
		case "high":
			k.OpenHigh++
		case "medium":
			k.OpenMedium++
		}
	}
	k.New, k.Resolved, k.Overdue = b.m.Remediation.Raised, b.m.Remediation.Resolved, b.m.Remediation.OverdueTotal
	for _, l := range b.m.Limits.Rows {
		if l.State == "amber" || l.State == "red" {
			k.QuotaHot++
		}
	}
	for _, e := range b.m.Expiring {
		if e.Days <= 30 {
			k.Expiring30++
		}
	}
	if n := b.opts.Notes; n != nil && n.Narrative.In(b.opts.Lang) != "" && b.m.Service() {
		s.Narrative, s.ByTAM = strings.TrimSpace(n.Narrative.In(b.opts.Lang)), true
	} else {
		s.Narrative = narrative(b.m)
	}
	return nil
}

// previous is the last scan in scope before the period.
func (b *builder) previous() (*history.Scan, error) {
	span := b.opts.Period.To.Sub(b.opts.Period.From)
	scans, err := b.st.ScansBetween(b.ctx, b.opts.Period.From.Add(-span), b.opts.Period.From)
	if err != nil {
		return nil, err
	}
	for i := len(scans) - 1; i >= 0; i-- {
		if b.covers(scans[i]) {
			return &scans[i], nil
		}
	}
	return nil, nil
}

// narrative writes the summary's paragraph from the numbers.
func narrative(m *Monthly) string {
	c := Catalog(m.Lang)
	s := m.Summary
	var parts []string
	band := c.T("band." + s.Band)
	if s.Band == result.NotAssessed {
		parts = append(parts, c.T("narr.not_assessed"))
	} else {
		parts = append(parts, c.T("narr.score", fmt.Sprintf("%.1f", s.Score), band))
	}
	if s.Delta != nil {
		switch d := *s.Delta; {
		case d > 0:
			parts = append(parts, c.T("narr.up", fmt.Sprintf("%.1f", d)))
		case d < 0:
			parts = append(parts, c.T("narr.down", fmt.Sprintf("%.1f", -d)))
		default:
			parts = append(parts, c.T("narr.flat"))
		}
	}
	parts = append(parts, c.T("narr.open", s.KPI.OpenHigh+s.KPI.OpenMedium, s.KPI.OpenHigh, s.KPI.New, s.KPI.Resolved))
	if s.KPI.Overdue > 0 {
		parts = append(parts, c.T("narr.overdue", s.KPI.Overdue))
	}
	if s.KPI.QuotaHot > 0 || s.KPI.Expiring30 > 0 {
		parts = append(parts, c.T("narr.limits", s.KPI.QuotaHot, s.KPI.Expiring30))
	}
	if len(s.TopRisks) > 0 {
		parts = append(parts, c.T("narr.first", s.TopRisks[0].Title))
	}
	var weak []string
	for _, p := range s.Pillars {
		if p.Partial {
			weak = append(weak, c.T("pillar."+p.Pillar))
		}
	}
	if len(weak) > 0 {
		parts = append(parts, c.T("narr.partial", strings.Join(weak, c.T("list.sep"))))
	}
	return strings.Join(parts, c.T("sentence.sep"))
}
