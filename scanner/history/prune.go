package history

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Prune removes scans (with their findings and inventory snapshots) that started before cutoff,
// except the latest scan of each account, which the next scan is compared with, and the newest
// complete (not interrupted) scan, so a run of interrupted scans never leaves only fragments. It
// also forgets findings resolved before cutoff: one that comes back later counts as new, not
// reopened. It returns the ids of the scans removed.
func (s *Store) Prune(ctx context.Context, cutoff time.Time) ([]int64, error) {
	return s.prune(ctx, cutoff, false)
}

// PruneDryRun returns the ids of the scans Prune would remove, removing nothing.
func (s *Store) PruneDryRun(ctx context.Context, cutoff time.Time) ([]int64, error) {
	return s.prune(ctx, cutoff, true)
}

func (s *Store) prune(ctx context.Context, cutoff time.Time, dryRun bool) ([]int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	ids, err := prune(ctx, tx, cutoff)
	if err != nil || dryRun {
		return ids, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if len(ids) > 0 {
		s.reclaim(ctx)
	}
	return ids, nil
}

// prunable selects the scans older than the cutoff that pruning may remove.
const prunable = `FROM scans WHERE started_at < ?
	AND id NOT IN (SELECT max(scan_id) FROM scan_accounts GROUP BY uin)
	AND id IS NOT (SELECT max(id) FROM scans WHERE interrupted = 0)`

func prune(ctx context.Context, tx *sql.Tx, cutoff time.Time) ([]int64, error) {
	at := formatTime(cutoff)
	rows, err := tx.QueryContext(ctx, `SELECT id `+prunable+` ORDER BY id`, at)
	if err != nil {
		return nil, fmt.Errorf("pruning scans: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE `+prunable, at); err != nil {
		return nil, fmt.Errorf("pruning scans: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM issues WHERE state = 'resolved' AND resolved_at < ?`, at); err != nil {
		return nil, fmt.Errorf("pruning resolved findings: %w", err)
	}
	return ids, nil
}

// reclaim gives the pages that pruning freed back to the file system. It is best effort: the
// pages are reused by later scans either way.
func (s *Store) reclaim(ctx context.Context) {
	_, _ = s.db.ExecContext(ctx, `PRAGMA incremental_vacuum`)
	_, _ = s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
}
