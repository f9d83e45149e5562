package tickets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner/history"
	"github.com/tsa-scanner/tsa/support"
)

// Syncer turns scans into ticket changes, writes them to the ledger and sends them to the sinks.
type Syncer struct {
	Ledger *Ledger
	Policy *Policy
	Sinks  []Sink // external sinks, after the ledger
	Clock  Clock
	// Budget bounds the time all deliveries of one sync may take, so a receiver that hangs
	// never holds a scan; what is not sent in time becomes a dead letter.
	Budget time.Duration
}

// DefaultBudget is the delivery budget of one sync.
const DefaultBudget = 2 * time.Minute

// Run is one scan to sync.
type Run struct {
	ScanID   int64
	At       time.Time // when the scan ran
	Findings []result.Finding
	// Assessment tells a finding that passes now from one the scan could not read.
	Assessment history.Assessment
}

// Report says what a sync did.
type Report struct {
	Changes  []Change       `json:"changes"`
	Counts   map[string]int `json:"counts"`   // events by kind
	Deferred int            `json:"deferred"` // findings past the per-run limit, on the summary ticket
	// Delivered and Dead count deliveries by sink.
	Delivered map[string]int `json:"delivered"`
	Dead      map[string]int `json:"dead"`
	Warnings  []string       `json:"warnings,omitempty"`
}

// condition is what a scan says of a ticket key.
type condition int

const (
	failing    condition = iota
	unassessed           // not failing, but something on the ticket could not be re-read
	waived               // nothing failing, something waived
	passing
)

// group is the selected findings of one key in one scan.
type group struct {
	fail, waived []result.Finding
}

// Sync applies one scan to the ledger and sends the changes. Ledger errors fail the sync;
// delivery failures become dead letters and warnings, never errors.
func (s *Syncer) Sync(ctx context.Context, run Run) (*Report, error) {
	all, err := s.Ledger.List(ctx, Filter{})
	if err != nil {
		return nil, err
	}
	live, retired := map[string]*Ticket{}, map[string]*Ticket{}
	room := s.Policy.limit // the limit is per scan: syncing a scan again opens nothing more
	for i := range all {
		t := &all[i]
		if t.LastScan > run.ScanID {
			return nil, fmt.Errorf("scan %d is older than scan %d, which the tickets already follow: syncing it would undo later changes", run.ScanID, t.LastScan)
		}
		if t.OpenedScan == run.ScanID && !t.Summary {
			room--
		}
		if t.State != Closed {
			live[t.Key] = t
		} else if r := retired[t.Key]; r == nil || t.ID > r.ID {
			retired[t.Key] = t
		}
	}
	groups, order := map[string]*group{}, []string{}
	seen := map[string]bool{}
	for _, f := range run.Findings {
		if (f.Status != result.Fail && f.Status != result.Waived) || seen[f.ID] || !s.Policy.Selects(f.RuleID, f.Account) {
			continue
		}
		seen[f.ID] = true
		k := s.Policy.Key(f)
		g := groups[k]
		if g == nil {
			g = &group{}
			groups[k], order = g, append(order, k)
		}
		if f.Status == result.Fail {
			g.fail = append(g.fail, f)
		} else {
			g.waived = append(g.waived, f)
		}
	}
	// Tickets whose findings no longer fail: resolved, waived or still unknown.
	var quiet []*Ticket
	for k, t := range live {
		if groups[k] == nil && !t.Summary && s.Policy.Selects(t.RuleID, t.Account) {
			quiet = append(quiet, t)
		}
	}
	for k, t := range retired {
		if live[k] == nil && groups[k] == nil && !t.Cleared && s.Policy.Selects(t.RuleID, t.Account) {
			quiet = append(quiet, t)
		}
	}
	sort.Slice(quiet, func(i, j int) bool { return quiet[i].ID < quiet[j].ID })
	for _, t := range quiet {
		groups[t.Key], order = &group{}, append(order, t.Key)
	}

	rep := &Report{Counts: map[string]int{}, Delivered: map[string]int{}, Dead: map[string]int{}}
	var changes []*pending
	var candidates []*Ticket
	for _, k := range order {
		g := groups[k]
		t := live[k]
		if t == nil {
			t = retired[k]
		}
		p, candidate, err := s.decide(k, g, t, run)
		if err != nil {
			return nil, err
		}
		if candidate != nil {
			candidates = append(candidates, candidate)
		}
		if p != nil {
			changes = append(changes, p)
		}
	}
	// The per-scan limit: the most severe new tickets first; the rest wait on the summary ticket.
	sev := map[string]int{"high": 0, "medium": 1, "low": 2}
	sort.SliceStable(candidates, func(i, j int) bool { return sev[candidates[i].Severity] < sev[candidates[j].Severity] })
	var deferred []Item
	for i, t := range candidates {
		if i < room {
			changes = append(changes, &pending{t: t, ev: history.TicketEvent{Kind: EventOpened, Comment: fmt.Sprintf(
				"opened from scan %d: %d failing resource(s) of %s in account %s. Graded %s: %s.",
				run.ScanID, len(t.Items), t.RuleID, t.Account, t.Grade.Name, t.Grade.Reason)}})
			continue
		}
		for _, it := range t.Items {
			it.RuleID = t.RuleID
			deferred = append(deferred, it)
		}
	}
	rep.Deferred = len(deferred)
	if p := s.summary(live[summaryKey], deferred, run); p != nil {
		changes = append(changes, p)
	}

	for _, p := range changes {
		p.ev.ScanID, p.ev.At = run.ScanID, run.At
		p.t.UpdatedAt = run.At
		p.t.LastScan = max(p.t.LastScan, run.ScanID)
	}
	if err := s.Ledger.save(ctx, changes); err != nil {
		return nil, err
	}
	for _, p := range changes {
		rep.Counts[p.ev.Kind]++
		if p.ev.Kind != EventCleared {
			rep.Changes = append(rep.Changes, Change{Ticket: *p.t, Event: p.ev, IdempotencyKey: idempotencyKey(*p.t, p.ev)})
		}
	}
	s.deliver(ctx, rep)
	return rep, nil
}

// pending is a ticket change not yet written.
type pending struct {
	t  *Ticket
	ev history.TicketEvent
}

// decide works out what a scan does to one key's ticket t (live, or the latest closed one;
// nil when the key has none). A new ticket comes back as a candidate, subject to the limit.
func (s *Syncer) decide(key string, g *group, t *Ticket, run Run) (*pending, *Ticket, error) {
	cond := failing
	var carried []Item
	if len(g.fail) == 0 {
		cond = passing
		if len(g.waived) > 0 {
			cond = waived
		}
	}
	if t != nil {
		now := map[string]bool{}
		for _, f := range append(append([]result.Finding{}, g.fail...), g.waived...) {
			now[f.ID] = true
		}
		for _, it := range t.Items {
			if !now[it.Fingerprint] && !run.Assessment.Reassessed(it.finding(t.RuleID)) {
				carried = append(carried, it) // unknown now: it stays on the ticket, open
			}
		}
		if cond != failing && len(carried) > 0 {
			cond = unassessed
		}
	}
	switch {
	case t == nil:
		if cond != failing {
			return nil, nil, nil
		}
		nt, err := s.newTicket(key, g.fail, run)
		return nil, nt, err
	case t.State == Closed:
		switch {
		case cond == failing && t.Cleared:
			nt, err := s.newTicket(key, g.fail, run)
			return nil, nt, err
		case cond == passing && !t.Cleared:
			t.Cleared = true
			return &pending{t: t, ev: history.TicketEvent{Kind: EventCleared, Comment: fmt.Sprintf(
				"scan %d finds no failure: the next failure opens a new ticket", run.ScanID)}}, nil, nil
		}
		return nil, nil, nil
	case t.State == Open:
		switch cond {
		case failing:
			before := t.Items
			if err := s.refresh(t, g.fail, carried, run); err != nil {
				return nil, nil, err
			}
			if t.Digest == digest(before) {
				return nil, nil, nil
			}
			return &pending{t: t, ev: history.TicketEvent{Kind: EventUpdated, Comment: describeChange(before, t.Items, g.waived, run.ScanID)}}, nil, nil
		case waived:
			t.State = Waived
			at := run.At
			t.ResolvedAt = &at
			return &pending{t: t, ev: history.TicketEvent{Kind: EventWaived, Comment: waiverComment(g.waived)}}, nil, nil
		case passing:
			t.State = Resolved
			at := run.At
			t.ResolvedAt = &at
			return &pending{t: t, ev: history.TicketEvent{Kind: EventResolved, Comment: fmt.Sprintf(
				"resolved: scan %d re-assessed %s on every resource of this ticket and none fails now. Closing; tsa reopens it if it fails again.",
				run.ScanID, t.RuleID)}}, nil, nil
		}
		return nil, nil, nil // unassessed: unknown never resolves a ticket
	default: // resolved or waived
		if cond != failing {
			return nil, nil, nil
		}
		was := t.State
		t.State, t.ResolvedAt = Open, nil
		t.Reopened++
		if err := s.refresh(t, g.fail, carried, run); err != nil {
			return nil, nil, err
		}
		why := "failing again"
		if was == Waived {
			why = "failing again and no longer waived"
		}
		return &pending{t: t, ev: history.TicketEvent{Kind: EventReopened, Comment: fmt.Sprintf("%s in scan %d (%d resource(s)): reopened.",
			why, run.ScanID, len(t.Items))}}, nil, nil
	}
}

// newTicket builds the ticket of a key's failing findings.
func (s *Syncer) newTicket(key string, fails []result.Finding, run Run) (*Ticket, error) {
	f := fails[0]
	r := s.Policy.rules[f.RuleID]
	t := &Ticket{Key: key, State: Open, RuleID: f.RuleID, Title: r.Title, Pillar: r.Pillar, Severity: r.Severity,
		Product: r.Product, Account: f.Account, Plan: s.Policy.Plan(f.Account), OpenedAt: run.At, OpenedScan: run.ScanID,
		Texts: map[string]result.RuleText{}}
	for _, lang := range Languages {
		t.Texts[lang] = r.Text(lang)
	}
	if s.Policy.perFinding {
		t.Region, t.Resource = f.Region, f.ResourceID
	}
	return t, s.refresh(t, fails, nil, run)
}

// refresh sets a ticket's items (the failing findings, then those carried unread), grade and
// digest from this scan.
func (s *Syncer) refresh(t *Ticket, fails []result.Finding, carried []Item, run Run) error {
	g, err := s.Policy.Grade(t.RuleID, t.Account)
	if err != nil {
		return fmt.Errorf("grading ticket %s: %w", t.Key, err)
	}
	t.Grade, t.Plan = g, s.Policy.Plan(t.Account)
	t.Items = t.Items[:0:0]
	for _, f := range fails {
		// Text from the cloud is made safe once, here: the ledger, terminals, chats and drafts get it clean.
		t.Items = append(t.Items, Item{Fingerprint: f.ID, Account: f.Account, Region: f.Region, ResourceType: f.ResourceType,
			ResourceID: clean(f.ResourceID, 200), ResourceName: clean(f.ResourceName, 200), Message: clean(f.Message, 1000), Evidence: f.Evidence})
	}
	t.Items = append(t.Items, carried...)
	sort.SliceStable(t.Items, func(i, j int) bool { return t.Items[i].Fingerprint < t.Items[j].Fingerprint })
	t.Digest = digest(t.Items)
	recordBaselines(t, run.At)
	return nil
}

// summary keeps the one ticket that lists what the per-run limit held back.
func (s *Syncer) summary(t *Ticket, deferred []Item, run Run) *pending {
	if len(deferred) == 0 {
		if t == nil || t.State != Open {
			return nil
		}
		t.State = Resolved
		at := run.At
		t.ResolvedAt = &at
		return &pending{t: t, ev: history.TicketEvent{Kind: EventResolved, Comment: fmt.Sprintf(
			"scan %d left nothing past the per-run limit: every selected finding has its own ticket", run.ScanID)}}
	}
	sort.SliceStable(deferred, func(i, j int) bool { return deferred[i].Fingerprint < deferred[j].Fingerprint })
	kind := EventUpdated
	if t == nil {
		t = &Ticket{Key: summaryKey, Summary: true, RuleID: "-", Title: "Findings past the per-run ticket limit", Account: "-",
			Plan: "-", OpenedAt: run.At, Texts: map[string]result.RuleText{}}
		kind = EventOpened
	} else if t.State != Open {
		t.State, t.ResolvedAt = Open, nil
		t.Reopened++
		kind = EventReopened
	}
	if kind == EventUpdated && digest(deferred) == t.Digest {
		return nil
	}
	general, _ := s.Policy.catalog.Severity("general")
	t.Grade = support.Grade{Severity: general.Key, Name: general.Name, NameZH: general.NameZH, Deserved: general.Key,
		Reason: fmt.Sprintf("a list, not a case: findings past the limit of %d tickets a run get their own tickets in later runs", s.Policy.limit)}
	t.State, t.Items, t.Digest = Open, deferred, digest(deferred)
	return &pending{t: t, ev: history.TicketEvent{Kind: kind, Comment: fmt.Sprintf(
		"%d failing finding(s) past the per-run limit of %d wait for their own tickets", len(deferred), s.Policy.limit)}}
}

// deliver sends the changes to every external sink. A sink that dead-letters a change is not
// tried again in this sync: its remaining changes are dead-lettered at once, so one receiver
// that is down costs its retries once, not once per change.
func (s *Syncer) deliver(ctx context.Context, rep *Report) {
	if len(s.Sinks) == 0 || len(rep.Changes) == 0 {
		return
	}
	budget := s.Budget
	if budget <= 0 {
		budget = DefaultBudget
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), budget)
	defer cancel()
	clock := s.Clock
	if clock == nil {
		clock = SystemClock{}
	}
	for _, sink := range s.Sinks {
		var down error
		for _, c := range rep.Changes {
			out := Outcome{Err: down}
			if down == nil {
				out = sink.Deliver(ctx, c)
			}
			if out.Skipped {
				continue
			}
			d := history.TicketDelivery{EventID: c.Event.ID, Sink: sink.Name(), IdempotencyKey: c.IdempotencyKey, State: "delivered",
				Attempts: out.Attempts, At: clock.Now()}
			if out.Err != nil {
				d.State, d.Error, d.Payload = "dead", out.Err.Error(), string(out.Payload)
				rep.Dead[sink.Name()]++
				if down == nil {
					down = fmt.Errorf("not sent: %s failed earlier in this sync (%v)", sink.Name(), out.Err)
					rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: ticket %d %s: %v after %d attempt(s); kept as a dead letter",
						sink.Name(), c.Ticket.ID, c.Event.Kind, out.Err, out.Attempts))
				}
			} else {
				rep.Delivered[sink.Name()]++
			}
			if _, err := s.Ledger.store.SaveDelivery(context.WithoutCancel(ctx), d); err != nil {
				rep.Warnings = append(rep.Warnings, err.Error())
			}
		}
	}
}

// digest fingerprints items and their evidence, to tell an evidence change from a rerun.
func digest(items []Item) string {
	h := sha256.New()
	for _, it := range items {
		ev, _ := json.Marshal(it.Evidence) // map keys are sorted: stable
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\n", it.Fingerprint, it.RuleID, it.Message, ev)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// describeChange is the comment of an update: what started failing, what changed, what was
// fixed and what was waived.
func describeChange(before, after []Item, waivedNow []result.Finding, scanID int64) string {
	waivedIDs := map[string]bool{}
	for _, f := range waivedNow {
		waivedIDs[f.ID] = true
	}
	old := map[string]Item{}
	for _, it := range before {
		old[it.Fingerprint] = it
	}
	var added, changed, fixed, waived []string
	now := map[string]bool{}
	for _, it := range after {
		now[it.Fingerprint] = true
		prev, ok := old[it.Fingerprint]
		switch {
		case !ok:
			added = append(added, it.ResourceID)
		case digest([]Item{prev}) != digest([]Item{it}):
			changed = append(changed, it.ResourceID)
		}
	}
	for _, it := range before {
		switch {
		case now[it.Fingerprint]:
		case waivedIDs[it.Fingerprint]:
			waived = append(waived, it.ResourceID)
		default:
			fixed = append(fixed, it.ResourceID)
		}
	}
	parts := []string{fmt.Sprintf("scan %d changed the evidence", scanID)}
	for _, p := range []struct {
		what string
		ids  []string
	}{{"newly failing", added}, {"evidence changed", changed}, {"fixed", fixed}, {"waived", waived}} {
		if len(p.ids) > 0 {
			parts = append(parts, p.what+": "+clean(strings.Join(p.ids, ", "), 500))
		}
	}
	return strings.Join(parts, "; ") + "."
}

// waiverComment closes a ticket with its waivers' reasons.
func waiverComment(fs []result.Finding) string {
	seen := map[string]bool{}
	var reasons []string
	for _, f := range fs {
		w := f.Waiver
		if w == nil {
			continue
		}
		r := fmt.Sprintf("%q, accepted by %s", clean(w.Reason, 300), clean(w.Owner, 80))
		if w.Expires != "" {
			r += " until " + w.Expires
		}
		if w.Source != "" {
			r += " (" + w.Source + ")"
		}
		if !seen[r] {
			seen[r] = true
			reasons = append(reasons, r)
		}
	}
	if len(reasons) == 0 {
		return "closed: every finding on this ticket is waived"
	}
	return "closed: waived: " + strings.Join(reasons, "; ")
}
