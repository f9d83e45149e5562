// Package tickets turns failing findings into support tickets: graded conservatively by the
// account's support plan, one per stable key (rule × account, or rule × account × region ×
// resource), kept in a ledger in the history store and driven by the scanner — opened, updated,
// resolved, reopened, closed by a waiver — and sent to sinks: a signed webhook, WeCom, Feishu
// and DingTalk group robots, and console drafts ready to paste into the Tencent Cloud console,
// which has no public API to open a case.
package tickets

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner/history"
	"github.com/tsa-scanner/tsa/support"
)

// The states of a ticket.
const (
	Open     = "open"
	Resolved = "resolved" // its findings pass now
	Waived   = "waived"   // closed because a waiver accepts the risk
	Closed   = "closed"   // closed by a person; the key's next failure after a pass opens a new ticket
)

// States are the states a ticket may be in.
var States = []string{Open, Resolved, Waived, Closed}

// The events of a ticket's lifecycle; each is a comment on the case.
const (
	EventOpened   = "opened"
	EventUpdated  = "updated"  // the evidence changed: a comment, not a new ticket
	EventResolved = "resolved" // a later scan assessed it and it passes
	EventReopened = "reopened" // failing again after it was resolved or waived
	EventWaived   = "waived"   // a waiver closed it, with the waiver's reason
	EventClosed   = "closed"   // closed by a person; the finding stays open
	EventCleared  = "cleared"  // a closed ticket's findings pass now (not sent anywhere)
)

// Ticket is one support ticket.
type Ticket struct {
	ID       int64  `json:"id"`
	Key      string `json:"key"`
	State    string `json:"state"`
	RuleID   string `json:"rule_id"`
	Title    string `json:"title"`
	Pillar   string `json:"pillar"`
	Severity string `json:"severity"` // the rule's severity: high, medium, low
	Product  string `json:"product"`
	Account  string `json:"account"`
	// Region and Resource name a per-finding ticket; a group ticket has none.
	Region   string `json:"region,omitempty"`
	Resource string `json:"resource,omitempty"`
	Plan     string `json:"plan"`
	// Grade is the case severity, why, and the plan's first-response time.
	Grade support.Grade `json:"grade"`
	// Items are the failing findings the ticket covers.
	Items []Item `json:"items"`
	// Summary marks the one ticket that lists the findings past the per-run limit.
	Summary bool `json:"summary,omitempty"`
	// Texts are the rule's texts by language (en, zh-CN), for drafts.
	Texts      map[string]result.RuleText `json:"texts"`
	Digest     string                     `json:"digest"` // of the items' evidence
	OpenedAt   time.Time                  `json:"opened_at"`
	UpdatedAt  time.Time                  `json:"updated_at"`
	ResolvedAt *time.Time                 `json:"resolved_at,omitempty"`
	OpenedScan int64                      `json:"opened_scan"`
	LastScan   int64                      `json:"last_scan"`
	Reopened   int                        `json:"reopened"`
	// Baselines are the first usage seen of each quota on the ticket, to measure growth from.
	Baselines map[string]Baseline `json:"baselines,omitempty"`
	// Cleared marks a closed ticket whose findings passed since: their next failure is news.
	Cleared bool `json:"cleared,omitempty"`
}

// Item is one failing finding on a ticket.
type Item struct {
	Fingerprint  string         `json:"fingerprint"`
	RuleID       string         `json:"rule_id,omitempty"` // on the summary ticket, whose items mix rules
	Account      string         `json:"account"`
	Region       string         `json:"region"`
	ResourceType string         `json:"resource_type,omitempty"`
	ResourceID   string         `json:"resource_id"`
	ResourceName string         `json:"resource_name,omitempty"`
	Message      string         `json:"message"`
	Evidence     map[string]any `json:"evidence,omitempty"`
}

// finding is the item as a finding, to ask whether a scan re-assessed it.
func (it Item) finding(ruleID string) result.Finding {
	return result.Finding{ID: it.Fingerprint, RuleID: ruleID, Account: it.Account, Region: it.Region, ResourceID: it.ResourceID}
}

// Ledger is the built-in ticket store: tables in the history store. It is the system of record
// every change is written to first, in one transaction per sync, which gives tickets and events
// their ids; the external sinks get the changes after it. It is also the read API of reports
// (List, Get, Events, Deliveries).
type Ledger struct{ store *history.Store }

// NewLedger opens the ledger in a history store.
func NewLedger(store *history.Store) *Ledger { return &Ledger{store: store} }

// Filter selects tickets; empty fields match everything.
type Filter struct {
	States   []string
	Accounts []string
	Rules    []string
	// Since and Until bound the time a ticket last changed (a report's month).
	Since, Until time.Time
}

// List returns the tickets a filter selects, most recently changed first.
func (l *Ledger) List(ctx context.Context, f Filter) ([]Ticket, error) {
	for _, s := range f.States {
		if !oneOf(s, States) {
			return nil, fmt.Errorf("state %q: want one of %s", s, strings.Join(States, ", "))
		}
	}
	return l.query(ctx, history.TicketQuery{States: f.States, Accounts: f.Accounts, Rules: f.Rules, Since: f.Since, Until: f.Until})
}

// Get returns one ticket.
func (l *Ledger) Get(ctx context.Context, id int64) (Ticket, error) {
	ts, err := l.query(ctx, history.TicketQuery{IDs: []int64{id}})
	if err != nil {
		return Ticket{}, err
	}
	if len(ts) == 0 {
		return Ticket{}, fmt.Errorf("%w: %d (see tsa tickets list)", history.ErrNoTicket, id)
	}
	return ts[0], nil
}

// Events returns a ticket's events, oldest first.
func (l *Ledger) Events(ctx context.Context, id int64) ([]history.TicketEvent, error) {
	return l.store.TicketEvents(ctx, id)
}

// Deliveries returns what was sent where for a ticket's events (ticket 0: all), by state.
func (l *Ledger) Deliveries(ctx context.Context, id int64, state string) ([]history.TicketDelivery, error) {
	return l.store.TicketDeliveries(ctx, id, state)
}

// Close closes a ticket by hand (the case was closed in the console, say). It never closes a
// finding: the finding stays open in the history, and when it fails again after passing, a new
// ticket is opened.
func (l *Ledger) Close(ctx context.Context, id int64, reason string, now time.Time) (Ticket, error) {
	t, err := l.Get(ctx, id)
	if err != nil {
		return t, err
	}
	if t.State == Closed {
		return t, fmt.Errorf("ticket %d is already closed", id)
	}
	if strings.TrimSpace(reason) == "" {
		return t, fmt.Errorf("say why ticket %d is closed (--reason)", id)
	}
	t.State, t.UpdatedAt = Closed, now
	err = l.save(ctx, []*pending{{t: &t, ev: history.TicketEvent{At: now, Kind: EventClosed,
		Comment: "closed by hand: " + reason + ". The findings stay open in tsa's history; a new ticket is opened if they fail again after passing."}}})
	return t, err
}

func (l *Ledger) query(ctx context.Context, q history.TicketQuery) ([]Ticket, error) {
	rows, err := l.store.Tickets(ctx, q)
	if err != nil {
		return nil, err
	}
	out := make([]Ticket, 0, len(rows))
	for _, r := range rows {
		var t Ticket
		if err := json.Unmarshal(r.Body, &t); err != nil {
			return nil, fmt.Errorf("ledger: ticket %d: %w", r.ID, err)
		}
		t.ID, t.State = r.ID, r.State
		out = append(out, t)
	}
	return out, nil
}

// save writes tickets with their events in one transaction; ids come back filled in.
func (l *Ledger) save(ctx context.Context, ps []*pending) error {
	changes := make([]history.TicketChange, len(ps))
	for i, p := range ps {
		body, err := json.Marshal(p.t)
		if err != nil {
			return err
		}
		t := p.t
		changes[i] = history.TicketChange{Event: p.ev, Row: history.TicketRow{
			ID: t.ID, Key: t.Key, State: t.State, RuleID: t.RuleID, Account: t.Account, Severity: t.Severity,
			Grade: t.Grade.Severity, Plan: t.Plan, Title: t.Title, OpenedAt: t.OpenedAt, UpdatedAt: t.UpdatedAt,
			ResolvedAt: t.ResolvedAt, LastScan: t.LastScan, Body: body,
		}}
	}
	if err := l.store.SaveTickets(ctx, changes); err != nil {
		return err
	}
	for i, p := range ps {
		p.t.ID, p.ev = changes[i].Row.ID, changes[i].Event // the body does not need the id: query takes it from the row
	}
	return nil
}

// clean makes text read from the cloud safe for a terminal, a chat message or a draft: no
// control characters, one line, bounded.
func clean(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return ' '
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			return -1
		}
		return r
	}, s)
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}

func oneOf(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
