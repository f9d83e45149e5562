package history

import (
	"context"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/result"
)

// ScansBetween lists the scans that started in [from, to), oldest first, with their accounts.
func (s *Store) ScansBetween(ctx context.Context, from, to time.Time) ([]Scan, error) {
	return s.listScans(ctx, `SELECT `+scanColumns+` FROM scans WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id`,
		formatTime(from), formatTime(to))
}

// ScanTimes lists when every recorded scan started, oldest first: enough to say which months
// have scans.
func (s *Store) ScanTimes(ctx context.Context) ([]time.Time, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT started_at FROM scans ORDER BY started_at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		t, err := parseTime(raw)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// OpenAt returns the findings that were open after a scan: the scan's failing and waived
// findings, and those it carried (open before, not re-assessed), each with the time it was
// first seen. Findings of the scan keep the scan's order; carried ones follow.
func (s *Store) OpenAt(ctx context.Context, scanID int64) ([]Issue, error) {
	findings, err := s.Findings(ctx, scanID)
	if err != nil {
		return nil, err
	}
	lifecycle, err := s.lifecycleOf(ctx, scanID)
	if err != nil {
		return nil, err
	}
	var out []Issue
	seen := map[string]bool{}
	for _, f := range findings {
		if !open(f.Status) || seen[f.ID] {
			continue
		}
		seen[f.ID] = true
		is := Issue{Finding: f, State: "open", Event: lifecycle[f.ID].event, LastSeenScan: scanID}
		if l, ok := lifecycle[f.ID]; ok {
			is.FirstSeen, is.FirstSeenScan, is.Reopened = l.firstSeen, l.firstSeenScan, l.reopened
		}
		out = append(out, is)
	}
	carried, err := s.carried(ctx, scanID)
	if err != nil {
		return nil, err
	}
	return append(out, carried...), nil
}

// lifecycleRow is what OpenAt needs of an issue: the scan's event and when it was first seen.
type lifecycleRow struct {
	event         Event
	firstSeen     time.Time
	firstSeenScan int64
	reopened      int
}

func (s *Store) lifecycleOf(ctx context.Context, scanID int64) (map[string]lifecycleRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT l.fingerprint, l.event, i.first_seen_at, i.first_seen_scan, i.reopened
		FROM lifecycle l JOIN issues i ON i.fingerprint = l.fingerprint WHERE l.scan_id = ?`, scanID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]lifecycleRow{}
	for rows.Next() {
		var fp, ev, first string
		var l lifecycleRow
		if err := rows.Scan(&fp, &ev, &first, &l.firstSeenScan, &l.reopened); err != nil {
			return nil, err
		}
		l.event = Event(ev)
		if l.firstSeen, err = parseTime(first); err != nil {
			return nil, err
		}
		out[fp] = l
	}
	return out, rows.Err()
}

// carried reads the issues a scan carried, with their last known details.
func (s *Store) carried(ctx context.Context, scanID int64) ([]Issue, error) {
	return s.issuesWhere(ctx, `i.fingerprint IN (SELECT fingerprint FROM lifecycle WHERE scan_id = ? AND event = 'carried')`,
		"open", Carried, scanID)
}

// ResolvedBy returns the issues the given scans resolved, with when each was first seen and
// when it was resolved (the resolving scan's start).
func (s *Store) ResolvedBy(ctx context.Context, scanIDs []int64) ([]Issue, error) {
	if len(scanIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(scanIDs))
	for i, id := range scanIDs {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, `SELECT l.fingerprint, s.started_at FROM lifecycle l JOIN scans s ON s.id = l.scan_id
		WHERE l.event = 'resolved' AND l.scan_id IN (?`+strings.Repeat(", ?", len(args)-1)+`) ORDER BY s.started_at, l.fingerprint`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	resolvedAt := map[string]time.Time{}
	var order []string
	for rows.Next() {
		var fp, at string
		if err := rows.Scan(&fp, &at); err != nil {
			return nil, err
		}
		t, err := parseTime(at)
		if err != nil {
			return nil, err
		}
		if _, dup := resolvedAt[fp]; !dup {
			order = append(order, fp)
		}
		resolvedAt[fp] = t // a finding resolved twice in the period counts at its last resolution
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	all, err := s.issuesWhere(ctx, `i.fingerprint IN (SELECT fingerprint FROM lifecycle WHERE event = 'resolved' AND scan_id IN (?`+
		strings.Repeat(", ?", len(args)-1)+`))`, "resolved", Resolved, args...)
	if err != nil {
		return nil, err
	}
	byID := map[string]Issue{}
	for _, is := range all {
		byID[is.ID] = is
	}
	out := make([]Issue, 0, len(order))
	for _, fp := range order {
		is := byID[fp]
		t := resolvedAt[fp]
		is.ResolvedAt = &t
		out = append(out, is)
	}
	return out, nil
}

// issuesWhere reads issues matching a condition on the issues table (alias i), setting their
// state and event as given.
func (s *Store) issuesWhere(ctx context.Context, cond, state string, event Event, args ...any) ([]Issue, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT i.fingerprint, i.rule_id, i.title, i.pillar, i.severity, i.status, i.account,
		i.region, i.resource_type, i.resource_id, i.resource_name, i.message, i.first_seen_scan, i.first_seen_at,
		i.last_seen_scan, i.last_seen_at, i.reopened FROM issues i WHERE `+cond+` ORDER BY i.fingerprint`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Issue
	for rows.Next() {
		var (
			is                  Issue
			status, first, last string
		)
		if err := rows.Scan(&is.ID, &is.RuleID, &is.Title, &is.Pillar, &is.Severity, &status, &is.Account, &is.Region,
			&is.ResourceType, &is.ResourceID, &is.ResourceName, &is.Message, &is.FirstSeenScan, &first,
			&is.LastSeenScan, &last, &is.Reopened); err != nil {
			return nil, err
		}
		is.Status, is.State, is.Event = result.Status(status), state, event
		if is.FirstSeen, err = parseTime(first); err != nil {
			return nil, err
		}
		if is.LastSeen, err = parseTime(last); err != nil {
			return nil, err
		}
		out = append(out, is)
	}
	return out, rows.Err()
}

// RuleCounts returns each rule's verdict counts in a scan, by rule id. Only the identity the
// store keeps is set on each Rule (id, title, pillar, severity).
func (s *Store) RuleCounts(ctx context.Context, scanID int64) ([]result.RuleResult, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT rule_id, title, pillar, severity, fail, pass, unknown, waived
		FROM rule_counts WHERE scan_id = ? ORDER BY rule_id`, scanID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []result.RuleResult
	for rows.Next() {
		var r result.RuleResult
		if err := rows.Scan(&r.Rule.ID, &r.Rule.Title, &r.Rule.Pillar, &r.Rule.Severity, &r.Fail, &r.Pass, &r.Unknown, &r.Waived); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
