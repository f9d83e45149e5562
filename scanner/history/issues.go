package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/tsa-scanner/tsa/result"
)

// Issue is a finding followed across scans: its latest details and its lifecycle.
type Issue struct {
	result.Finding
	// State is open or resolved for a failing (or waived) finding, unknown for what the latest
	// scan of its account could not assess.
	State string `json:"state"`
	// Event is what the latest scan of the account did to it (new, persisting, reopened,
	// resolved, carried); empty when that scan did not touch it.
	Event         Event      `json:"event,omitempty"`
	FirstSeen     time.Time  `json:"first_seen"`
	LastSeen      time.Time  `json:"last_seen"`
	FirstSeenScan int64      `json:"first_seen_scan"`
	LastSeenScan  int64      `json:"last_seen_scan"`
	ResolvedAt    *time.Time `json:"resolved_at,omitempty"`
	Reopened      int        `json:"reopened"` // times it came back after being resolved
}

// Age is how long the finding has been known, at now.
func (i Issue) Age(now time.Time) time.Duration { return now.Sub(i.FirstSeen) }

// Query selects issues. Empty lists match everything.
type Query struct {
	// Status is any of Statuses; empty means open.
	Status   []string
	Severity []string
	Pillar   []string
	Rule     []string
	Account  []string
	// MinAge and MaxAge bound the time since the finding was first seen, at Now; zero is no bound.
	MinAge, MaxAge time.Duration
	Now            time.Time
}

// Statuses are the values Query.Status takes: a lifecycle state (open, resolved), a status in
// the latest scan of the account (fail, waived, unknown), what that scan did to it (new,
// persisting, reopened, carried), or all.
var Statuses = []string{"open", "resolved", "fail", "waived", "unknown", "new", "persisting", "reopened", "carried", "all"}

// Issues returns the issues the query selects: failing findings with their lifecycle, and the
// unknown findings of each account's latest scan, most pressing first.
func (s *Store) Issues(ctx context.Context, q Query) ([]Issue, error) {
	for _, st := range q.Status {
		if !slices.Contains(Statuses, st) {
			return nil, fmt.Errorf("status %q: want one of %v", st, Statuses)
		}
	}
	status := q.Status
	if len(status) == 0 {
		status = []string{"open"}
	}
	latest, err := s.latestByAccount(ctx)
	if err != nil {
		return nil, err
	}
	events := map[string]Event{}
	for _, scanID := range latest {
		if err := s.events(ctx, scanID, events); err != nil {
			return nil, err
		}
	}
	all, err := s.issues(ctx)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if _, scanned := latest[all[i].Account]; scanned {
			all[i].Event = events[all[i].ID]
		}
	}
	// The unknown findings of each account's latest scan; accounts usually share it.
	byScan := map[int64][]string{}
	for uin, scanID := range latest {
		byScan[scanID] = append(byScan[scanID], uin)
	}
	for scanID, uins := range byScan {
		sc, err := s.Scan(ctx, scanID)
		if err != nil {
			return nil, err
		}
		findings, err := s.Findings(ctx, scanID)
		if err != nil {
			return nil, err
		}
		for _, f := range findings {
			if f.Status == result.Unknown && slices.Contains(uins, f.Account) {
				all = append(all, Issue{Finding: f, State: "unknown", FirstSeen: sc.StartedAt, LastSeen: sc.StartedAt,
					FirstSeenScan: scanID, LastSeenScan: scanID})
			}
		}
	}
	var out []Issue
	for _, is := range all {
		if q.matches(is, status) {
			out = append(out, is)
		}
	}
	sortIssues(out)
	return out, nil
}

func (q Query) matches(is Issue, status []string) bool {
	in := func(list []string, v string) bool { return len(list) == 0 || slices.Contains(list, v) }
	if !in(q.Severity, is.Severity) || !in(q.Pillar, is.Pillar) || !in(q.Rule, is.RuleID) || !in(q.Account, is.Account) {
		return false
	}
	age := is.Age(q.Now)
	if q.MinAge > 0 && age < q.MinAge || q.MaxAge > 0 && age > q.MaxAge {
		return false
	}
	for _, st := range status {
		switch st {
		case "all":
			return true
		case "open", "resolved", "unknown":
			if is.State == st {
				return true
			}
		case "fail", "waived":
			if is.State == "open" && string(is.Status) == st {
				return true
			}
		default:
			if string(is.Event) == st {
				return true
			}
		}
	}
	return false
}

// latestByAccount maps each account to its latest scan.
func (s *Store) latestByAccount(ctx context.Context) (map[string]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT uin, max(scan_id) FROM scan_accounts GROUP BY uin`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var uin string
		var id int64
		if err := rows.Scan(&uin, &id); err != nil {
			return nil, err
		}
		out[uin] = id
	}
	return out, rows.Err()
}

func (s *Store) events(ctx context.Context, scanID int64, into map[string]Event) error {
	rows, err := s.db.QueryContext(ctx, `SELECT fingerprint, event FROM lifecycle WHERE scan_id = ?`, scanID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var fp, ev string
		if err := rows.Scan(&fp, &ev); err != nil {
			return err
		}
		into[fp] = Event(ev)
	}
	return rows.Err()
}

// issues reads every issue with the tags and evidence of the scan that last saw it failing.
func (s *Store) issues(ctx context.Context) ([]Issue, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT i.fingerprint, i.rule_id, i.title, i.pillar, i.severity, i.status, i.account,
		i.region, i.resource_type, i.resource_id, i.resource_name, i.message, i.state, i.first_seen_scan, i.first_seen_at,
		i.last_seen_scan, i.last_seen_at, i.resolved_at, i.reopened, f.tags, f.evidence
		FROM issues i LEFT JOIN findings f ON f.fingerprint = i.fingerprint AND f.scan_id = i.last_seen_scan`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Issue
	for rows.Next() {
		var (
			is                   Issue
			status, first, last  string
			resolved, tags, evid sql.NullString
		)
		if err := rows.Scan(&is.ID, &is.RuleID, &is.Title, &is.Pillar, &is.Severity, &status, &is.Account, &is.Region,
			&is.ResourceType, &is.ResourceID, &is.ResourceName, &is.Message, &is.State, &is.FirstSeenScan, &first,
			&is.LastSeenScan, &last, &resolved, &is.Reopened, &tags, &evid); err != nil {
			return nil, err
		}
		is.Status = result.Status(status)
		if is.FirstSeen, err = parseTime(first); err != nil {
			return nil, err
		}
		if is.LastSeen, err = parseTime(last); err != nil {
			return nil, err
		}
		if resolved.Valid {
			t, err := parseTime(resolved.String)
			if err != nil {
				return nil, err
			}
			is.ResolvedAt = &t
		}
		// The scan that last saw it may have been pruned; the issue row still has the essentials.
		if tags.Valid {
			_ = json.Unmarshal([]byte(tags.String), &is.Tags)
		}
		if evid.Valid {
			_ = json.Unmarshal([]byte(evid.String), &is.Evidence)
		}
		out = append(out, is)
	}
	return out, rows.Err()
}

// sortIssues puts open before unknown before resolved, then the more severe first, then by rule,
// account, region and resource.
func sortIssues(is []Issue) {
	state := map[string]int{"open": 0, "unknown": 1, "resolved": 2}
	severity := map[string]int{"high": 0, "medium": 1, "low": 2}
	sort.SliceStable(is, func(i, j int) bool {
		a, b := is[i], is[j]
		if state[a.State] != state[b.State] {
			return state[a.State] < state[b.State]
		}
		if severity[a.Severity] != severity[b.Severity] {
			return severity[a.Severity] < severity[b.Severity]
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		return a.ResourceID < b.ResourceID
	})
}
