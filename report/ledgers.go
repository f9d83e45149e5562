package report

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/tsa-scanner/tsa/scanner/history"
)

// StoreLedgers reads the ticket ledger (support/tickets) and the IEM ledger (tsa iem) kept in
// the history store: Build's default TicketReader and EventReader.
type StoreLedgers struct{ Store *history.Store }

// Tickets returns the tickets that were live in [from, to): opened before its end and still
// open, or changed within it. Accounts narrows them; empty means all.
func (l StoreLedgers) Tickets(ctx context.Context, from, to time.Time, accounts []string) (*Tickets, error) {
	rows, err := l.Store.Tickets(ctx, history.TicketQuery{Accounts: accounts})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if !rows[i].OpenedAt.Equal(rows[j].OpenedAt) {
			return rows[i].OpenedAt.Before(rows[j].OpenedAt)
		}
		return rows[i].ID < rows[j].ID
	})
	out := &Tickets{}
	for _, r := range rows {
		if !r.OpenedAt.Before(to) {
			continue
		}
		changedIn := !r.UpdatedAt.Before(from) && r.UpdatedAt.Before(to)
		if !changedIn && r.State != "open" {
			continue
		}
		out.Rows = append(out.Rows, Ticket{ID: "#" + strconv.FormatInt(r.ID, 10), Title: r.Title, Severity: r.Grade, State: r.State,
			Opened: r.OpenedAt, RuleID: r.RuleID})
	}
	return out, nil
}

// Events returns the IEM audits run in [from, to) and the sessions the accounts used in the
// year the period ends in (Build sets what their plans include).
func (l StoreLedgers) Events(ctx context.Context, from, to time.Time, accounts []string) (*Events, error) {
	audits, err := l.Store.IEMAudits(ctx, from, to)
	if err != nil {
		return nil, err
	}
	out := &Events{}
	for _, a := range audits {
		out.Audits = append(out.Audits, EventAudit{Name: a.Event, Date: a.AuditedAt, Result: a.Verdict})
	}
	last := to.Add(-time.Nanosecond)
	sessions, err := l.Store.IEMSessions(ctx, "", last.Year(), last.Location())
	if err != nil {
		return nil, err
	}
	for _, s := range sessions {
		if len(accounts) == 0 || slices.Contains(accounts, s.Account) {
			out.SessionsUsed++
		}
	}
	return out, nil
}
