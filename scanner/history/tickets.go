package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/result"
)

// ticketsSchema is migration 2: the ticket ledger of package support/tickets. Its tables do not
// reference scans, so pruning old scans keeps every ticket and its history.
const ticketsSchema = `
-- One row per ticket. A stable key (rule, account, region, resource or group) has at most one
-- live ticket; a ticket closed by a person retires, and the key's next failure opens a new one.
CREATE TABLE tickets (
	id           INTEGER PRIMARY KEY,
	key          TEXT NOT NULL,
	state        TEXT NOT NULL,    -- open, resolved, waived or closed
	rule_id      TEXT NOT NULL,
	account      TEXT NOT NULL,
	severity     TEXT NOT NULL,    -- the findings' severity (high, medium, low)
	grade        TEXT NOT NULL,    -- the case severity it is filed at
	plan         TEXT NOT NULL,
	title        TEXT NOT NULL,
	opened_at    TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	resolved_at  TEXT,
	last_scan    INTEGER NOT NULL,
	body         TEXT NOT NULL     -- the whole ticket as JSON
);
CREATE UNIQUE INDEX tickets_live ON tickets(key) WHERE state != 'closed';
CREATE INDEX tickets_account ON tickets(account, state);

-- What happened to each ticket, oldest first: the comments a support case would carry.
CREATE TABLE ticket_events (
	id         INTEGER PRIMARY KEY,
	ticket_id  INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
	scan_id    INTEGER NOT NULL,   -- 0 for a change made by hand
	at         TEXT NOT NULL,
	kind       TEXT NOT NULL,      -- opened, updated, resolved, reopened, waived, closed
	comment    TEXT NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, id);

-- Each event's delivery to each external sink; a dead letter keeps its payload to send by hand.
CREATE TABLE ticket_deliveries (
	id               INTEGER PRIMARY KEY,
	event_id         INTEGER NOT NULL REFERENCES ticket_events(id) ON DELETE CASCADE,
	sink             TEXT NOT NULL,
	idempotency_key  TEXT NOT NULL,
	state            TEXT NOT NULL, -- delivered or dead
	attempts         INTEGER NOT NULL,
	error            TEXT NOT NULL,
	at               TEXT NOT NULL,
	payload          TEXT NOT NULL  -- kept for dead letters only
);
CREATE INDEX ticket_deliveries_event ON ticket_deliveries(event_id);
`

// TicketRow is a ticket as the ledger keeps it; package support/tickets gives Body its meaning.
type TicketRow struct {
	ID         int64
	Key        string
	State      string
	RuleID     string
	Account    string
	Severity   string
	Grade      string
	Plan       string
	Title      string
	OpenedAt   time.Time
	UpdatedAt  time.Time
	ResolvedAt *time.Time
	LastScan   int64
	Body       json.RawMessage
}

// TicketEvent is one change of a ticket.
type TicketEvent struct {
	ID       int64     `json:"id"`
	TicketID int64     `json:"ticket_id"`
	ScanID   int64     `json:"scan_id,omitempty"`
	At       time.Time `json:"at"`
	Kind     string    `json:"kind"`
	Comment  string    `json:"comment"`
}

// TicketDelivery is the outcome of sending one event to one sink.
type TicketDelivery struct {
	ID             int64     `json:"id"`
	EventID        int64     `json:"event_id"`
	Sink           string    `json:"sink"`
	IdempotencyKey string    `json:"idempotency_key"`
	State          string    `json:"state"` // delivered or dead
	Attempts       int       `json:"attempts"`
	Error          string    `json:"error,omitempty"`
	At             time.Time `json:"at"`
	Payload        string    `json:"payload,omitempty"`
}

// TicketQuery selects tickets; empty fields match everything.
type TicketQuery struct {
	IDs      []int64
	States   []string
	Accounts []string
	Rules    []string
	// Since and Until bound the time a ticket last changed.
	Since, Until time.Time
}

// ErrNoTicket means the ledger holds no ticket with the asked-for id.
var ErrNoTicket = errors.New("no such ticket in the ledger")

// TicketChange is a ticket to write with the event that changed it.
type TicketChange struct {
	Row   TicketRow
	Event TicketEvent
}

// SaveTickets writes tickets (new ones when Row.ID is 0) with their events in one transaction:
// the ledger has all of a sync or none of it. The ids are filled in.
func (s *Store) SaveTickets(ctx context.Context, changes []TicketChange) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i := range changes {
		row, ev := &changes[i].Row, &changes[i].Event
		var resolved any
		if row.ResolvedAt != nil {
			resolved = formatTime(*row.ResolvedAt)
		}
		args := []any{row.Key, row.State, row.RuleID, row.Account, row.Severity, row.Grade, row.Plan, row.Title,
			formatTime(row.OpenedAt), formatTime(row.UpdatedAt), resolved, row.LastScan, string(row.Body)}
		if row.ID == 0 {
			r, err := tx.ExecContext(ctx, `INSERT INTO tickets (key, state, rule_id, account, severity, grade, plan, title,
				opened_at, updated_at, resolved_at, last_scan, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
			if err != nil {
				return fmt.Errorf("ledger: opening ticket %s: %w", row.Key, err)
			}
			if row.ID, err = r.LastInsertId(); err != nil {
				return err
			}
		} else {
			r, err := tx.ExecContext(ctx, `UPDATE tickets SET key = ?, state = ?, rule_id = ?, account = ?, severity = ?, grade = ?,
				plan = ?, title = ?, opened_at = ?, updated_at = ?, resolved_at = ?, last_scan = ?, body = ? WHERE id = ?`, append(args, row.ID)...)
			if err != nil {
				return fmt.Errorf("ledger: ticket %d: %w", row.ID, err)
			}
			if n, _ := r.RowsAffected(); n == 0 {
				return fmt.Errorf("%w: %d", ErrNoTicket, row.ID)
			}
		}
		ev.TicketID = row.ID
		r, err := tx.ExecContext(ctx, `INSERT INTO ticket_events (ticket_id, scan_id, at, kind, comment) VALUES (?, ?, ?, ?, ?)`,
			ev.TicketID, ev.ScanID, formatTime(ev.At), ev.Kind, ev.Comment)
		if err != nil {
			return fmt.Errorf("ledger: ticket %d: %w", row.ID, err)
		}
		if ev.ID, err = r.LastInsertId(); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Tickets returns the tickets a query selects, most recently changed first.
func (s *Store) Tickets(ctx context.Context, q TicketQuery) ([]TicketRow, error) {
	var where []string
	var args []any
	in := func(col string, n int, each func(i int) any) {
		if n == 0 {
			return
		}
		where = append(where, col+" IN (?"+strings.Repeat(", ?", n-1)+")")
		for i := range n {
			args = append(args, each(i))
		}
	}
	in("id", len(q.IDs), func(i int) any { return q.IDs[i] })
	in("state", len(q.States), func(i int) any { return q.States[i] })
	in("account", len(q.Accounts), func(i int) any { return q.Accounts[i] })
	in("rule_id", len(q.Rules), func(i int) any { return q.Rules[i] })
	if !q.Since.IsZero() {
		where, args = append(where, "updated_at >= ?"), append(args, formatTime(q.Since))
	}
	if !q.Until.IsZero() {
		where, args = append(where, "updated_at < ?"), append(args, formatTime(q.Until))
	}
	query := `SELECT id, key, state, rule_id, account, severity, grade, plan, title, opened_at, updated_at, resolved_at,
		last_scan, body FROM tickets`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, query+" ORDER BY updated_at DESC, id DESC", args...)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	defer rows.Close()
	var out []TicketRow
	for rows.Next() {
		var (
			t               TicketRow
			opened, updated string
			resolved        sql.NullString
			body            string
		)
		if err := rows.Scan(&t.ID, &t.Key, &t.State, &t.RuleID, &t.Account, &t.Severity, &t.Grade, &t.Plan, &t.Title,
			&opened, &updated, &resolved, &t.LastScan, &body); err != nil {
			return nil, err
		}
		if t.OpenedAt, err = parseTime(opened); err != nil {
			return nil, err
		}
		if t.UpdatedAt, err = parseTime(updated); err != nil {
			return nil, err
		}
		if resolved.Valid {
			at, err := parseTime(resolved.String)
			if err != nil {
				return nil, err
			}
			t.ResolvedAt = &at
		}
		t.Body = json.RawMessage(body)
		out = append(out, t)
	}
	return out, rows.Err()
}

// TicketEvents returns a ticket's events, oldest first.
func (s *Store) TicketEvents(ctx context.Context, ticketID int64) ([]TicketEvent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, ticket_id, scan_id, at, kind, comment FROM ticket_events
		WHERE ticket_id = ? ORDER BY id`, ticketID)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	defer rows.Close()
	var out []TicketEvent
	for rows.Next() {
		var e TicketEvent
		var at string
		if err := rows.Scan(&e.ID, &e.TicketID, &e.ScanID, &at, &e.Kind, &e.Comment); err != nil {
			return nil, err
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// SaveDelivery records the outcome of sending an event to a sink.
func (s *Store) SaveDelivery(ctx context.Context, d TicketDelivery) (int64, error) {
	r, err := s.db.ExecContext(ctx, `INSERT INTO ticket_deliveries (event_id, sink, idempotency_key, state, attempts, error, at, payload)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, d.EventID, d.Sink, d.IdempotencyKey, d.State, d.Attempts, d.Error, formatTime(d.At), d.Payload)
	if err != nil {
		return 0, fmt.Errorf("ledger: recording a delivery to %s: %w", d.Sink, err)
	}
	return r.LastInsertId()
}

// TicketDeliveries returns the deliveries of a ticket's events, oldest first; ticketID 0 returns
// every delivery in the given state (all states when state is empty).
func (s *Store) TicketDeliveries(ctx context.Context, ticketID int64, state string) ([]TicketDelivery, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.event_id, d.sink, d.idempotency_key, d.state, d.attempts, d.error, d.at, d.payload
		FROM ticket_deliveries d JOIN ticket_events e ON e.id = d.event_id
		WHERE (? = 0 OR e.ticket_id = ?) AND (? = '' OR d.state = ?) ORDER BY d.id`, ticketID, ticketID, state, state)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	defer rows.Close()
	var out []TicketDelivery
	for rows.Next() {
		var d TicketDelivery
		var at string
		if err := rows.Scan(&d.ID, &d.EventID, &d.Sink, &d.IdempotencyKey, &d.State, &d.Attempts, &d.Error, &at, &d.Payload); err != nil {
			return nil, err
		}
		if d.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Assessment is what a scan re-assessed: a finding that was failing and is absent from the scan
// passes now only if the scan looked at its rule and resource. Unknown never resolves anything.
type Assessment struct{ scope scope }

// NewAssessment is the assessment of a finished scan.
func NewAssessment(res *result.Scan) Assessment {
	var uins, ruleIDs []string
	for _, a := range res.Accounts {
		uins = append(uins, a.UIN)
	}
	for _, r := range res.Rules {
		ruleIDs = append(ruleIDs, r.Rule.ID)
	}
	return Assessment{newScope(uins, ruleIDs, res.Findings, res.Interrupted)}
}

// Assessment returns the assessment of a recorded scan.
func (s *Store) Assessment(ctx context.Context, scanID int64) (Assessment, error) {
	sc, err := s.Scan(ctx, scanID)
	if err != nil {
		return Assessment{}, err
	}
	findings, err := s.Findings(ctx, scanID)
	if err != nil {
		return Assessment{}, err
	}
	ruleIDs, err := s.ruleIDs(ctx, scanID)
	if err != nil {
		return Assessment{}, err
	}
	var uins []string
	for _, a := range sc.Accounts {
		uins = append(uins, a.UIN)
	}
	return Assessment{newScope(uins, ruleIDs, findings, sc.Interrupted)}, nil
}

// Reassessed reports whether the scan judged f's rule over f's resource, so that f's absence
// from its failing findings means f passes.
func (a Assessment) Reassessed(f result.Finding) bool { return a.scope.assessed(f) }
