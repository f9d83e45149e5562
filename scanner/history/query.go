package history

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// ErrNoScan means the store holds no scan with the asked-for id (or no scans at all).
var ErrNoScan = errors.New("no such scan in the history store")

// Scan is a recorded scan's metadata.
type Scan struct {
	ID          int64               `json:"id"`
	StartedAt   time.Time           `json:"started_at"`
	FinishedAt  time.Time           `json:"finished_at"`
	RulesNow    time.Time           `json:"rules_now"` // the clock the rules judged against
	Source      string              `json:"source"`
	Version     string              `json:"tsa_version"`
	Partial     bool                `json:"partial"`
	Interrupted bool                `json:"interrupted"`
	Resources   int                 `json:"resources"`
	Overall     float64             `json:"overall"`
	Band        string              `json:"band"`
	Accounts    []inventory.Account `json:"accounts"`
	Counts      Counts              `json:"counts"`
	Scores      result.Scores       `json:"scores"`
	Coverage    result.Coverage     `json:"coverage"`
}

const scanColumns = `id, started_at, finished_at, rules_now, source, tsa_version, partial, interrupted, resources,
	overall, band, scores, coverage, fail, unknown, waived, pass, new, reopened, persisting, resolved, carried`

// Scans lists recorded scans, newest first; limit 0 lists all.
func (s *Store) Scans(ctx context.Context, limit int) ([]Scan, error) {
	q := `SELECT ` + scanColumns + ` FROM scans ORDER BY id DESC`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	return s.listScans(ctx, q)
}

// listScans runs a query over scanColumns and reads each scan with its accounts.
func (s *Store) listScans(ctx context.Context, query string, args ...any) ([]Scan, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Scan
	for rows.Next() {
		sc, err := scanRow(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *sc)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for i := range out {
		if out[i].Accounts, err = s.accounts(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Scan returns one recorded scan.
func (s *Store) Scan(ctx context.Context, id int64) (*Scan, error) {
	sc, err := scanRow(s.db.QueryRowContext(ctx, `SELECT `+scanColumns+` FROM scans WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %d (see tsa history)", ErrNoScan, id)
	}
	if err != nil {
		return nil, err
	}
	if sc.Accounts, err = s.accounts(ctx, id); err != nil {
		return nil, err
	}
	return sc, nil
}

func scanRow(r interface{ Scan(...any) error }) (*Scan, error) {
	var (
		sc                     Scan
		started, finished, now string
		scores, coverage       string
	)
	c := &sc.Counts
	if err := r.Scan(&sc.ID, &started, &finished, &now, &sc.Source, &sc.Version, &sc.Partial, &sc.Interrupted, &sc.Resources,
		&sc.Overall, &sc.Band, &scores, &coverage, &c.Fail, &c.Unknown, &c.Waived, &c.Pass, &c.New, &c.Reopened,
		&c.Persisting, &c.Resolved, &c.Carried); err != nil {
		return nil, err
	}
	var err error
	if sc.StartedAt, err = parseTime(started); err != nil {
		return nil, err
	}
	if sc.FinishedAt, err = parseTime(finished); err != nil {
		return nil, err
	}
	if sc.RulesNow, err = parseTime(now); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(scores), &sc.Scores); err != nil {
		return nil, fmt.Errorf("scan %d: scores: %w", sc.ID, err)
	}
	if err := json.Unmarshal([]byte(coverage), &sc.Coverage); err != nil {
		return nil, fmt.Errorf("scan %d: coverage: %w", sc.ID, err)
	}
	return &sc, nil
}

func (s *Store) accounts(ctx context.Context, scanID int64) ([]inventory.Account, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT uin, name, plan, regions, error FROM scan_accounts WHERE scan_id = ? ORDER BY uin`, scanID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inventory.Account
	for rows.Next() {
		var a inventory.Account
		var regions string
		if err := rows.Scan(&a.UIN, &a.Name, &a.Plan, &regions, &a.Error); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(regions), &a.Regions); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Latest returns the ids of the n most recent scans, newest first.
func (s *Store) Latest(ctx context.Context, n int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM scans ORDER BY id DESC LIMIT ?`, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Findings returns a scan's findings exactly as the rules produced them, in the scan's order.
func (s *Store) Findings(ctx context.Context, scanID int64) ([]result.Finding, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT fingerprint, rule_id, title, pillar, severity, status, account, region,
		resource_type, resource_id, resource_name, tags, message, evidence FROM findings WHERE scan_id = ? ORDER BY seq`, scanID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []result.Finding
	for rows.Next() {
		var (
			f              result.Finding
			status         string
			tags, evidence string
		)
		if err := rows.Scan(&f.ID, &f.RuleID, &f.Title, &f.Pillar, &f.Severity, &status, &f.Account, &f.Region,
			&f.ResourceType, &f.ResourceID, &f.ResourceName, &tags, &f.Message, &evidence); err != nil {
			return nil, err
		}
		f.Status = result.Status(status)
		if err := json.Unmarshal([]byte(tags), &f.Tags); err != nil {
			return nil, fmt.Errorf("finding %s: tags: %w", f.ID, err)
		}
		if err := json.Unmarshal([]byte(evidence), &f.Evidence); err != nil {
			return nil, fmt.Errorf("finding %s: evidence: %w", f.ID, err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Snapshot returns the inventory a scan evaluated, with the clock its rules judged against.
func (s *Store) Snapshot(ctx context.Context, scanID int64) (*Snapshot, error) {
	var (
		encoding string
		data     []byte
	)
	err := s.db.QueryRowContext(ctx, `SELECT encoding, data FROM snapshots WHERE scan_id = ?`, scanID).Scan(&encoding, &data)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := s.Scan(ctx, scanID); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("scan %d has no inventory snapshot", scanID)
	}
	if err != nil {
		return nil, err
	}
	if encoding != "json+gzip" {
		return nil, fmt.Errorf("scan %d: snapshot encoding %q is unknown to this tsa", scanID, encoding)
	}
	snap, err := decodeSnapshot(bytes.NewReader(data), MaxSnapshotSize)
	if err != nil {
		return nil, fmt.Errorf("scan %d: snapshot: %w", scanID, err)
	}
	return snap, nil
}

// ruleIDs returns the rules that ran in a scan.
func (s *Store) ruleIDs(ctx context.Context, scanID int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT rule_id FROM rule_counts WHERE scan_id = ?`, scanID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
