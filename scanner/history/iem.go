package history

import (
	"context"
	"fmt"
	"time"
)

// iemSchema is migration 3: the IEM sessions each account has used (Enterprise includes a few a
// year) and the readiness audits run before events. Neither references scans, so pruning keeps
// them.
const iemSchema = `
CREATE TABLE iem_sessions (
	id          INTEGER PRIMARY KEY,
	account     TEXT NOT NULL,
	event       TEXT NOT NULL,
	start       TEXT NOT NULL,
	end         TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	UNIQUE (account, event, start)
);

CREATE TABLE iem_audits (
	id          INTEGER PRIMARY KEY,
	event       TEXT NOT NULL,
	start       TEXT NOT NULL,
	audited_at  TEXT NOT NULL,
	verdict     TEXT NOT NULL,
	body        TEXT NOT NULL   -- the audit as JSON
);
CREATE INDEX iem_audits_at ON iem_audits(audited_at);
`

// IEMSession is one IEM session an account used (or booked).
type IEMSession struct {
	Account    string
	Event      string
	Start, End time.Time
	RecordedAt time.Time
}

// AddIEMSession records a session; recording the same account, event and start again changes
// nothing.
func (s *Store) AddIEMSession(ctx context.Context, x IEMSession) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO iem_sessions (account, event, start, end, recorded_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (account, event, start) DO NOTHING`,
		x.Account, x.Event, formatTime(x.Start), formatTime(x.End), formatTime(x.RecordedAt))
	if err != nil {
		return fmt.Errorf("recording the IEM session: %w", err)
	}
	return nil
}

// IEMSessions lists the sessions that start in a calendar year (in loc), all accounts when
// account is "", oldest first.
func (s *Store) IEMSessions(ctx context.Context, account string, year int, loc *time.Location) ([]IEMSession, error) {
	from, to := time.Date(year, 1, 1, 0, 0, 0, 0, loc), time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)
	rows, err := s.db.QueryContext(ctx, `SELECT account, event, start, end, recorded_at FROM iem_sessions
		WHERE start >= ? AND start < ? AND (? = '' OR account = ?) ORDER BY start, account`,
		formatTime(from), formatTime(to), account, account)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IEMSession
	for rows.Next() {
		var x IEMSession
		var start, end, at string
		if err := rows.Scan(&x.Account, &x.Event, &start, &end, &at); err != nil {
			return nil, err
		}
		if x.Start, err = parseTime(start); err != nil {
			return nil, err
		}
		if x.End, err = parseTime(end); err != nil {
			return nil, err
		}
		if x.RecordedAt, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// IEMAudit is a recorded readiness audit.
type IEMAudit struct {
	ID        int64
	Event     string
	Start     time.Time
	AuditedAt time.Time
	Verdict   string
	Body      []byte
}

// AddIEMAudit records an audit's JSON.
func (s *Store) AddIEMAudit(ctx context.Context, x IEMAudit) (int64, error) {
	r, err := s.db.ExecContext(ctx, `INSERT INTO iem_audits (event, start, audited_at, verdict, body) VALUES (?, ?, ?, ?, ?)`,
		x.Event, formatTime(x.Start), formatTime(x.AuditedAt), x.Verdict, string(x.Body))
	if err != nil {
		return 0, fmt.Errorf("recording the IEM audit: %w", err)
	}
	return r.LastInsertId()
}

// IEMAudits lists the audits run in [from, to), oldest first (the monthly report's events).
func (s *Store) IEMAudits(ctx context.Context, from, to time.Time) ([]IEMAudit, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, event, start, audited_at, verdict, body FROM iem_audits
		WHERE audited_at >= ? AND audited_at < ? ORDER BY audited_at, id`, formatTime(from), formatTime(to))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IEMAudit
	for rows.Next() {
		var x IEMAudit
		var start, at, body string
		if err := rows.Scan(&x.ID, &x.Event, &start, &at, &x.Verdict, &body); err != nil {
			return nil, err
		}
		if x.Start, err = parseTime(start); err != nil {
			return nil, err
		}
		if x.AuditedAt, err = parseTime(at); err != nil {
			return nil, err
		}
		x.Body = []byte(body)
		out = append(out, x)
	}
	return out, rows.Err()
}
