package history

import (
	"context"
	"fmt"
)

// Delete removes one scan with its findings, coverage and inventory snapshot, and rolls the
// findings' lifecycle back to the scans that remain: a finding seen only in that scan is
// forgotten, one first or last seen there takes its first or last sighting from the others,
// and one it resolved is open again. It returns ErrNoScan when there is no such scan.
func (s *Store) Delete(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r, err := tx.ExecContext(ctx, `DELETE FROM scans WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("removing scan %d: %w", id, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("scan %d: %w", id, ErrNoScan)
	}
	const sightings = `FROM findings f JOIN scans s ON s.id = f.scan_id
		WHERE f.fingerprint = issues.fingerprint AND f.status IN ('fail', 'waived')`
	for _, q := range []string{
		`DELETE FROM issues WHERE (first_seen_scan = ?1 OR last_seen_scan = ?1)
			AND NOT EXISTS (SELECT 1 ` + sightings + `)`,
		`UPDATE issues SET
			last_seen_scan = (SELECT max(s.id) ` + sightings + `),
			last_seen_at = (SELECT s.started_at ` + sightings + ` ORDER BY s.id DESC LIMIT 1)
			WHERE last_seen_scan = ?1`,
		`UPDATE issues SET
			first_seen_scan = (SELECT min(s.id) ` + sightings + `),
			first_seen_at = (SELECT s.started_at ` + sightings + ` ORDER BY s.id LIMIT 1)
			WHERE first_seen_scan = ?1`,
		`UPDATE issues SET state = 'open', resolved_scan = NULL, resolved_at = NULL WHERE resolved_scan = ?1`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("rolling back the findings of scan %d: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.reclaim(ctx)
	return nil
}
