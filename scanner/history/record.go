package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// Input is a finished scan to record.
type Input struct {
	Result    *result.Scan
	Inventory *inventory.Inventory // what the findings were computed from
	Now       time.Time            // the clock the rules judged against
	Source    string               // what was scanned: a config file, demo:<scenario>
	Version   string               // the tsa that scanned
	// Keep prunes scans that started longer than Keep before this one, in the same
	// transaction; zero keeps everything.
	Keep time.Duration
}

// Counts are a scan's finding counts: statuses as the rules decided them, and lifecycle events
// against the previous scan of each account.
type Counts struct {
	Fail       int `json:"fail"`
	Unknown    int `json:"unknown"`
	Waived     int `json:"waived"`
	Pass       int `json:"pass"`
	New        int `json:"new"`
	Reopened   int `json:"reopened"`
	Persisting int `json:"persisting"`
	Resolved   int `json:"resolved"`
	Carried    int `json:"carried"`
}

// Recorded is what Record wrote.
type Recorded struct {
	ScanID int64  `json:"scan_id"`
	Counts Counts `json:"counts"`
	Pruned int    `json:"pruned"` // scans removed by Keep
}

// Record writes a finished scan — metadata, accounts, coverage, call accounting, scores, rule
// counts, findings, the inventory snapshot and the findings' lifecycle — in one transaction:
// the store has all of it or none of it.
func (s *Store) Record(ctx context.Context, in Input) (*Recorded, error) {
	res := in.Result
	snap, size, err := encodeSnapshot(&Snapshot{Now: in.Now, CollectedAt: res.FinishedAt, Inventory: *in.Inventory})
	if err != nil {
		return nil, fmt.Errorf("encoding the inventory snapshot: %w", err)
	}
	counts := Counts{}
	for _, f := range res.Findings {
		switch f.Status {
		case result.Fail:
			counts.Fail++
		case result.Unknown:
			counts.Unknown++
		case result.Waived:
			counts.Waived++
		}
	}
	for _, r := range res.Rules {
		counts.Pass += r.Pass
	}
	scores, err := json.Marshal(res.Scores)
	if err != nil {
		return nil, err
	}
	coverage, err := json.Marshal(res.Coverage)
	if err != nil {
		return nil, err
	}

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("history store %s: %w", s.path, err)
	}
	defer tx.Rollback()
	w := &writer{tx: tx, ctx: ctx}
	r, err := w.exec(`INSERT INTO scans (started_at, finished_at, rules_now, source, tsa_version, partial, interrupted,
		resources, overall, band, scores, coverage, fail, unknown, waived, pass, new, reopened, persisting, resolved, carried)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0)`,
		formatTime(res.StartedAt), formatTime(res.FinishedAt), formatTime(in.Now), in.Source, in.Version, res.Partial, res.Interrupted,
		res.Resources, res.Scores.Overall, res.Scores.Band, string(scores), string(coverage),
		counts.Fail, counts.Unknown, counts.Waived, counts.Pass)
	if err != nil {
		return nil, err
	}
	id, err := r.LastInsertId()
	if err != nil {
		return nil, err
	}
	var uins []string
	for _, a := range res.Accounts {
		uins = append(uins, a.UIN)
		regions, _ := json.Marshal(a.Regions)
		w.exec(`INSERT INTO scan_accounts (scan_id, uin, name, plan, regions, error) VALUES (?, ?, ?, ?, ?, ?)`,
			id, a.UIN, a.Name, a.Plan, string(regions), a.Error)
	}
	for _, c := range in.Inventory.Coverage {
		types, _ := json.Marshal(c.ResourceTypes)
		w.exec(`INSERT INTO coverage (scan_id, account, region, action, resource_types, ok, code, message, grant_action)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, c.Account, c.Region, c.Action, string(types), c.OK, c.Code, c.Message, c.Grant)
	}
	for _, c := range res.Calls {
		w.exec(`INSERT INTO calls (scan_id, action, calls, retries, throttles, errors) VALUES (?, ?, ?, ?, ?, ?)`,
			id, c.Action, c.Calls, c.Retries, c.Throttles, c.Errors)
	}
	var ruleIDs []string
	for _, rr := range res.Rules {
		ruleIDs = append(ruleIDs, rr.Rule.ID)
		w.exec(`INSERT INTO rule_counts (scan_id, rule_id, title, pillar, severity, fail, pass, unknown, waived)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, rr.Rule.ID, rr.Rule.Title, rr.Rule.Pillar, rr.Rule.Severity, rr.Fail, rr.Pass, rr.Unknown, rr.Waived)
	}
	for i, f := range res.Findings {
		tags, err := json.Marshal(f.Tags)
		if err != nil {
			return nil, err
		}
		evidence, err := json.Marshal(f.Evidence)
		if err != nil {
			return nil, fmt.Errorf("finding %s: evidence: %w", f.ID, err)
		}
		w.exec(`INSERT INTO findings (scan_id, seq, fingerprint, rule_id, title, pillar, severity, status, account, region,
			resource_type, resource_id, resource_name, tags, message, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, i, f.ID, f.RuleID, f.Title, f.Pillar, f.Severity, string(f.Status), f.Account, f.Region,
			f.ResourceType, f.ResourceID, f.ResourceName, string(tags), f.Message, string(evidence))
	}
	w.exec(`INSERT INTO snapshots (scan_id, encoding, size, data) VALUES (?, 'json+gzip', ?, ?)`, id, size, snap)
	if w.err != nil {
		return nil, w.err
	}
	if err := w.lifecycle(id, formatTime(res.StartedAt), res.Findings, newScope(uins, ruleIDs, res.Findings, res.Interrupted), &counts); err != nil {
		return nil, err
	}
	w.exec(`UPDATE scans SET new = ?, reopened = ?, persisting = ?, resolved = ?, carried = ? WHERE id = ?`,
		counts.New, counts.Reopened, counts.Persisting, counts.Resolved, counts.Carried, id)
	var pruned []int64
	if in.Keep > 0 {
		if pruned, err = prune(ctx, tx, res.StartedAt.Add(-in.Keep)); err != nil {
			return nil, err
		}
	}
	if w.err != nil {
		return nil, w.err
	}
	if s.beforeCommit != nil {
		s.beforeCommit()
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("history store %s: committing scan: %w", s.path, err)
	}
	if len(pruned) > 0 {
		s.reclaim(ctx)
	}
	return &Recorded{ScanID: id, Counts: counts, Pruned: len(pruned)}, nil
}

// writer runs a transaction's statements and keeps the first error, so a long run of inserts
// reads as one.
type writer struct {
	tx  *sql.Tx
	ctx context.Context
	err error
}

func (w *writer) exec(query string, args ...any) (sql.Result, error) {
	if w.err != nil {
		return nil, w.err
	}
	r, err := w.tx.ExecContext(w.ctx, query, args...)
	if err != nil {
		w.err = fmt.Errorf("writing scan: %w", err)
	}
	return r, w.err
}

// issue is a row of the issues table.
type issue struct {
	result.Finding
	state string
}

// lifecycle sets each failing finding's lifecycle against the issues of the scanned accounts:
// the state after the previous scan of each account.
func (w *writer) lifecycle(scanID int64, at string, findings []result.Finding, sc scope, counts *Counts) error {
	var accounts []any
	for a := range sc.accounts {
		accounts = append(accounts, a)
	}
	known := map[string]issue{}
	prev := map[string]result.Finding{}
	var order []string
	if len(accounts) > 0 {
		rows, err := w.tx.QueryContext(w.ctx, `SELECT fingerprint, rule_id, title, pillar, severity, status, account, region,
			resource_type, resource_id, resource_name, message, state FROM issues
			WHERE account IN (?`+strings.Repeat(", ?", len(accounts)-1)+`) ORDER BY fingerprint`, accounts...)
		if err != nil {
			return fmt.Errorf("reading finding lifecycle: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var is issue
			var status string
			if err := rows.Scan(&is.ID, &is.RuleID, &is.Title, &is.Pillar, &is.Severity, &status, &is.Account, &is.Region,
				&is.ResourceType, &is.ResourceID, &is.ResourceName, &is.Message, &is.state); err != nil {
				return err
			}
			is.Status = result.Status(status)
			known[is.ID] = is
			if is.state == "open" {
				prev[is.ID] = is.Finding
				order = append(order, is.ID)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
	}
	event := func(fp string, e Event) {
		w.exec(`INSERT INTO lifecycle (scan_id, fingerprint, event) VALUES (?, ?, ?)`, scanID, fp, string(e))
	}
	c := compare(prev, order, findings, sc)
	for _, f := range c.added {
		if _, seen := known[f.ID]; !seen {
			counts.New++
			event(f.ID, New)
			w.exec(`INSERT INTO issues (fingerprint, rule_id, title, pillar, severity, status, account, region, resource_type,
				resource_id, resource_name, message, state, first_seen_scan, first_seen_at, last_seen_scan, last_seen_at, reopened)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, 0)`,
				f.ID, f.RuleID, f.Title, f.Pillar, f.Severity, string(f.Status), f.Account, f.Region, f.ResourceType,
				f.ResourceID, f.ResourceName, f.Message, scanID, at, scanID, at)
			continue
		}
		counts.Reopened++
		event(f.ID, Reopened)
		w.seen(f, scanID, at, `, state = 'open', resolved_scan = NULL, resolved_at = NULL, reopened = reopened + 1`)
	}
	for _, k := range c.kept {
		counts.Persisting++
		event(k[1].ID, Persisting)
		w.seen(k[1], scanID, at, "")
	}
	for _, f := range c.gone {
		counts.Resolved++
		event(f.ID, Resolved)
		w.exec(`UPDATE issues SET state = 'resolved', resolved_scan = ?, resolved_at = ? WHERE fingerprint = ?`, scanID, at, f.ID)
	}
	for _, f := range c.carried {
		counts.Carried++
		event(f.ID, Carried)
	}
	return w.err
}

// seen updates an issue with the details of this scan's finding.
func (w *writer) seen(f result.Finding, scanID int64, at, extra string) {
	w.exec(`UPDATE issues SET title = ?, pillar = ?, severity = ?, status = ?, region = ?, resource_type = ?,
		resource_name = ?, message = ?, last_seen_scan = ?, last_seen_at = ?`+extra+` WHERE fingerprint = ?`,
		f.Title, f.Pillar, f.Severity, string(f.Status), f.Region, f.ResourceType, f.ResourceName, f.Message, scanID, at, f.ID)
}
