package history

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Prune removes scans (with their findings and inventory snapshots) that started before cutoff,
// except the latest scan of each account, which the next scan is compared with. It also forgets
// findings resolved before cutoff: one that comes back later counts as new, not reopened.
func (s *Store) Prune(ctx context.Context, cutoff time.Time) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	n, err := prune(ctx, tx, cutoff)
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	if n > 0 {
		s.reclaim(ctx)
	}
	return n, nil
}

func prune(ctx context.Context, tx *sql.Tx, cutoff time.Time) (int, error) {
	at := formatTime(cutoff)
	r, err := tx.ExecContext(ctx, `DELETE FROM scans WHERE started_at < ?
		AND id NOT IN (SELECT max(scan_id) FROM scan_accounts GROUP BY uin)`, at)
	if err != nil {
		return 0, fmt.Errorf("pruning scans: %w", err)
	}
	n, _ := r.RowsAffected()
	if _, err := tx.ExecContext(ctx, `DELETE FROM issues WHERE state = 'resolved' AND resolved_at < ?`, at); err != nil {
		return 0, fmt.Errorf("pruning resolved findings: %w", err)
	}
	return int(n), nil
}

// reclaim gives the pages that pruning freed back to the file system. It is best effort: the
// pages are reused by later scans either way.
func (s *Store) reclaim(ctx context.Context) {
	_, _ = s.db.ExecContext(ctx, `PRAGMA incremental_vacuum`)
	_, _ = s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
}
