// Package history is tsa's scan history: a SQLite store in one file (pure Go, no cgo) that keeps
// every scan's scores, coverage, findings and compressed inventory, and follows each failing
// finding across scans by its fingerprint: new, persisting, resolved, reopened.
//
// A scan is written in one transaction, so a scan killed mid-write leaves the store as it was.
// Scans that share a store serialize on an exclusive lock beside it (see AcquireLock). Files that
// are not a tsa store are refused, never overwritten.
package history

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// applicationID marks a SQLite file as a tsa store ("TSA1" in the header's application_id).
const applicationID = 0x54534131

// busyTimeout is how long a statement waits for another connection's write lock.
const busyTimeout = 10 * time.Second

// Errors that tell why a file is refused as a store.
var (
	ErrForeign = errors.New("not a tsa history store")
	ErrNewer   = errors.New("written by a newer tsa")
)

// Store is an open history store.
type Store struct {
	db   *sql.DB
	path string
	// beforeCommit runs inside Record's transaction just before it commits; tests use it to
	// stop a writer mid-transaction.
	beforeCommit func()
}

// DefaultPath is where the store lives when the configuration names none: tsa/tsa.db in the
// user's data directory, $XDG_DATA_HOME or else ~/.local/share.
func DefaultPath() (string, error) {
	if dir := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "tsa", "tsa.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no data directory for the history store (set XDG_DATA_HOME or give --store): %w", err)
	}
	return filepath.Join(home, ".local", "share", "tsa", "tsa.db"), nil
}

// Open opens the store at path for reading and writing, creating it (and its directory) when
// absent and bringing its schema up to date. A file that is not a SQLite database, or is another
// application's database, is refused untouched. A store tsa may not write (permissions, a
// read-only mount) is opened read-only.
func Open(ctx context.Context, path string) (*Store, error) { return openPath(ctx, path, false) }

// OpenReadOnly opens an existing store for queries only; it never writes, so it also reads a
// store on a read-only mount or owned by another user who granted read access.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) { return openPath(ctx, path, true) }

func openPath(ctx context.Context, path string, readOnly bool) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := checkHeader(abs); err != nil {
		return nil, err
	}
	if !readOnly {
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, fmt.Errorf("history store: %w", err)
		}
	}
	// The store holds the whole inventory: only its owner may read it. SQLite gives its WAL and
	// shared-memory files the database file's mode, so creating the file 0600 covers them too.
	flags := os.O_RDONLY
	if !readOnly {
		flags |= os.O_CREATE
	}
	f, err := os.OpenFile(abs, flags, 0o600)
	if err != nil && !errors.Is(err, os.ErrPermission) {
		return nil, fmt.Errorf("history store: %w", err)
	}
	if f != nil {
		f.Close()
	}
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(busyTimeout.Milliseconds()))
	q.Set("_foreign_keys", "1")
	readOnly = readOnly || unix.Access(abs, unix.W_OK) != nil || unix.Access(filepath.Dir(abs), unix.W_OK) != nil
	if readOnly {
		// A store on a read-only mount or without write permission can still be read (history,
		// findings, diff); writing to it fails with SQLite's read-only error.
		q.Set("mode", "ro")
	} else {
		q.Set("_txlock", "immediate") // writers take the write lock up front: no upgrade deadlocks
	}
	dsn := (&url.URL{Scheme: "file", OmitHost: true, Path: abs, RawQuery: q.Encode()}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	// One connection: tsa writes from one goroutine, and per-connection pragmas then hold for
	// every statement.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: abs}
	if readOnly {
		err = s.checkReadOnly(ctx)
	} else {
		err = s.init(ctx)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("history store %s: %w", abs, err)
	}
	return s, nil
}

// checkHeader refuses an existing non-empty file that does not start like a SQLite database,
// before SQLite is given a chance to touch it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("history store: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return fmt.Errorf("history store %s: is a directory, want a file", path)
	}
	head := make([]byte, 16)
	n, err := io.ReadFull(f, head)
	if n == 0 {
		return nil // an empty file is an empty database
	}
	if err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return fmt.Errorf("history store %s: %w: the file is not a SQLite database; tsa leaves it untouched (give another path with --store or store.path)", path, ErrForeign)
	}
	return nil
}

// init claims an empty database for tsa or checks that an existing one is tsa's, then migrates.
func (s *Store) init(ctx context.Context) error {
	var appID, tables int
	if err := s.db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID); err != nil {
		return damaged(err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&tables); err != nil {
		return damaged(err)
	}
	switch {
	case appID == applicationID:
	case appID == 0 && tables == 0:
		// A new store. auto_vacuum must be chosen before the first table exists; incremental
		// lets pruning give space back without rewriting the whole file.
		for _, p := range []string{`PRAGMA auto_vacuum = INCREMENTAL`, `PRAGMA journal_mode = WAL`} {
			if _, err := s.db.ExecContext(ctx, p); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%w: a SQLite database of another application (application_id %#x, %d schema objects); tsa leaves it untouched (give another path with --store or store.path)", ErrForeign, appID, tables)
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
		return damaged(err)
	}
	if mode != "wal" {
		return fmt.Errorf("journal mode is %q, want wal", mode)
	}
	if err := migrate(ctx, s.db); err != nil {
		return damaged(err)
	}
	return nil
}

// checkReadOnly checks a store tsa may not write: it must be tsa's and at this tsa's schema,
// since a read-only store cannot be migrated.
func (s *Store) checkReadOnly(ctx context.Context) error {
	var appID, version int
	if err := s.db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID); err != nil {
		return damaged(err)
	}
	if appID != applicationID {
		return fmt.Errorf("%w (and it is read-only)", ErrForeign)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&version); err != nil {
		return damaged(err)
	}
	switch {
	case version > len(migrations):
		return fmt.Errorf("%w: schema version %d, this tsa knows up to %d; use a newer tsa", ErrNewer, version, len(migrations))
	case version < len(migrations):
		return fmt.Errorf("the store is read-only and at schema version %d: open it once with write permission so this tsa can upgrade it to %d", version, len(migrations))
	}
	return nil
}

// damaged says a SQLite error on open means the file cannot be used as it is. An interrupted
// open is not damage: it says so instead.
func damaged(err error) error {
	if errors.Is(err, ErrNewer) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("opening the store was interrupted: %w", err)
	}
	return fmt.Errorf("cannot read the store (damaged, or not a tsa store): %w; tsa leaves it untouched", err)
}

// Path is the store's absolute file path.
func (s *Store) Path() string { return s.path }

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// Check runs SQLite's integrity check and returns its complaints, none when the file is sound.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			out = append(out, line)
		}
	}
	return out, rows.Err()
}

// timeFormat is fixed-width so stored times sort as text.
const timeFormat = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) (time.Time, error) { return time.Parse(timeFormat, s) }
