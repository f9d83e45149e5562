package history

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migrations are the store's schema, in order: migrations[i] brings a store from version i to
// version i+1. A released migration is never edited, only followed by another.
var migrations = []string{
	// 1: scans with everything a report needs, findings, finding lifecycle, inventory snapshots.
	`
CREATE TABLE scans (
	id           INTEGER PRIMARY KEY,
	started_at   TEXT NOT NULL,
	finished_at  TEXT NOT NULL,
	rules_now    TEXT NOT NULL,    -- the clock the rules judged ages and expiries against
	source       TEXT NOT NULL,    -- what was scanned: a config file, or demo:<scenario>
	tsa_version  TEXT NOT NULL,
	partial      INTEGER NOT NULL,
	interrupted  INTEGER NOT NULL,
	resources    INTEGER NOT NULL,
	overall      REAL NOT NULL,
	band         TEXT NOT NULL,
	scores       TEXT NOT NULL,    -- result.Scores as JSON, constants included
	coverage     TEXT NOT NULL,    -- result.Coverage as JSON
	fail         INTEGER NOT NULL,
	unknown      INTEGER NOT NULL,
	waived       INTEGER NOT NULL,
	pass         INTEGER NOT NULL,
	new          INTEGER NOT NULL,
	reopened     INTEGER NOT NULL,
	persisting   INTEGER NOT NULL,
	resolved     INTEGER NOT NULL,
	carried      INTEGER NOT NULL
);
CREATE INDEX scans_started ON scans(started_at);

CREATE TABLE scan_accounts (
	scan_id  INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
	uin      TEXT NOT NULL,
	name     TEXT NOT NULL,
	plan     TEXT NOT NULL,
	regions  TEXT NOT NULL,        -- JSON list
	error    TEXT NOT NULL,
	PRIMARY KEY (scan_id, uin)
);
CREATE INDEX scan_accounts_uin ON scan_accounts(uin, scan_id);

CREATE TABLE coverage (
	scan_id         INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
	account         TEXT NOT NULL,
	region          TEXT NOT NULL,
	action          TEXT NOT NULL,
	resource_types  TEXT NOT NULL, -- JSON list
	ok              INTEGER NOT NULL,
	code            TEXT NOT NULL,
	message         TEXT NOT NULL,
	grant_action    TEXT NOT NULL
);
CREATE INDEX coverage_scan ON coverage(scan_id);

CREATE TABLE calls (
	scan_id    INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
	action     TEXT NOT NULL,
	calls      INTEGER NOT NULL,
	retries    INTEGER NOT NULL,
	throttles  INTEGER NOT NULL,
	errors     INTEGER NOT NULL,
	PRIMARY KEY (scan_id, action)
);

CREATE TABLE rule_counts (
	scan_id   INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
	rule_id   TEXT NOT NULL,
	title     TEXT NOT NULL,
	pillar    TEXT NOT NULL,
	severity  TEXT NOT NULL,
	fail      INTEGER NOT NULL,
	pass      INTEGER NOT NULL,
	unknown   INTEGER NOT NULL,
	waived    INTEGER NOT NULL,
	PRIMARY KEY (scan_id, rule_id)
);

-- What the rules found, exactly as they found it, in the scan's order.
CREATE TABLE findings (
	scan_id        INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
	seq            INTEGER NOT NULL,
	fingerprint    TEXT NOT NULL,
	rule_id        TEXT NOT NULL,
	title          TEXT NOT NULL,
	pillar         TEXT NOT NULL,
	severity       TEXT NOT NULL,
	status         TEXT NOT NULL,
	account        TEXT NOT NULL,
	region         TEXT NOT NULL,
	resource_type  TEXT NOT NULL,
	resource_id    TEXT NOT NULL,
	resource_name  TEXT NOT NULL,
	tags           TEXT NOT NULL,  -- JSON object or null
	message        TEXT NOT NULL,
	evidence       TEXT NOT NULL,  -- JSON object or null
	PRIMARY KEY (scan_id, seq)
);
CREATE INDEX findings_fingerprint ON findings(fingerprint, scan_id);

-- One row per failing (or waived) finding fingerprint ever seen: its lifecycle across scans and
-- the last details seen, so a resolved or carried finding can be shown without its scan.
CREATE TABLE issues (
	fingerprint     TEXT PRIMARY KEY,
	rule_id         TEXT NOT NULL,
	title           TEXT NOT NULL,
	pillar          TEXT NOT NULL,
	severity        TEXT NOT NULL,
	status          TEXT NOT NULL, -- last assessed status: fail or waived
	account         TEXT NOT NULL,
	region          TEXT NOT NULL,
	resource_type   TEXT NOT NULL,
	resource_id     TEXT NOT NULL,
	resource_name   TEXT NOT NULL,
	message         TEXT NOT NULL,
	state           TEXT NOT NULL, -- open or resolved
	first_seen_scan INTEGER NOT NULL,
	first_seen_at   TEXT NOT NULL,
	last_seen_scan  INTEGER NOT NULL,
	last_seen_at    TEXT NOT NULL,
	resolved_scan   INTEGER,
	resolved_at     TEXT,
	reopened        INTEGER NOT NULL
);
CREATE INDEX issues_account ON issues(account, state);

-- What each scan did to each issue: new, persisting, reopened, resolved or carried (open but not
-- re-assessed because what it covers could not be read).
CREATE TABLE lifecycle (
	scan_id      INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
	fingerprint  TEXT NOT NULL,
	event        TEXT NOT NULL,
	PRIMARY KEY (scan_id, fingerprint)
);

CREATE TABLE snapshots (
	scan_id  INTEGER PRIMARY KEY REFERENCES scans(id) ON DELETE CASCADE,
	encoding TEXT NOT NULL,        -- json+gzip: a Snapshot as gzip'd JSON
	size     INTEGER NOT NULL,     -- uncompressed bytes
	data     BLOB NOT NULL
);
`,
	// 2: the ticket ledger (tickets.go).
	ticketsSchema,
	iemSchema,
}

// migrate brings the store's schema up to date in one transaction; a store written by a newer
// tsa is refused rather than guessed at.
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&current); err != nil {
		return err
	}
	if current > len(migrations) {
		return fmt.Errorf("%w: schema version %d, this tsa knows up to %d; use a newer tsa", ErrNewer, current, len(migrations))
	}
	if current == len(migrations) {
		return nil
	}
	for v := current; v < len(migrations); v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return fmt.Errorf("schema migration %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`,
			v+1, formatTime(time.Now())); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d`, applicationID)); err != nil {
		return err
	}
	return tx.Commit()
}
