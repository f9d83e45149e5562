package history

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash and lock tests re-execute the test binary to run only themselves with childRole
// set; the re-executed test plays the child's part instead.
const (
	childRole  = "TSA_HISTORY_TEST_CHILD" // kill-mid-write | hold-lock
	childStore = "TSA_HISTORY_TEST_STORE"
	childReady = "TSA_HISTORY_TEST_READY" // a file the child creates once in position
)

// writeAndHang records a scan and stops inside its transaction, just before the commit, until
// it is killed. A tiny page cache makes SQLite spill the uncommitted pages into the WAL file, so
// the kill leaves a half-written transaction on disk, not just in memory.
func writeAndHang(t *testing.T) {
	in := demoScan(t, chain(fixRenewal, newExpiry))
	s := openStore(t, os.Getenv(childStore))
	if _, err := s.db.Exec(`PRAGMA cache_size = 2`); err != nil {
		t.Fatal(err)
	}
	s.beforeCommit = func() {
		if err := os.WriteFile(os.Getenv(childReady), nil, 0o600); err != nil {
			t.Error(err)
			return
		}
		select {} // wait for SIGKILL
	}
	_, err := s.Record(context.Background(), in)
	t.Fatalf("the transaction was not held: %v", err)
}

func holdLock(t *testing.T) {
	if _, err := AcquireLock(context.Background(), os.Getenv(childStore), time.Second); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(os.Getenv(childReady), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	select {} // hold the lock until killed
}

// startChild re-runs the current test in a child process playing role, and waits until the
// child says it is in position.
func startChild(t *testing.T, role, store string) *exec.Cmd {
	t.Helper()
	ready := filepath.Join(t.TempDir(), "ready")
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), childRole+"="+role, childStore+"="+store, childReady+"="+ready)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(ready); err == nil {
			return cmd
		}
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("child %s exited before it was in position: %v\n%s", role, err, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("child %s not in position after a minute:\n%s", role, stderr.String())
		}
	}
}

// storeState is everything a store holds, as text, to compare before and after.
func storeState(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"scans", "scan_accounts", "coverage", "calls", "rule_counts", "findings", "issues", "lifecycle", "snapshots"} {
		rows, err := s.db.Query(`SELECT * FROM ` + table + ` ORDER BY 1, 2`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			line, _ := json.Marshal(vals)
			fmt.Fprintf(&b, "%s %s\n", table, line)
		}
		rows.Close()
	}
	return b.String()
}

func TestScanKilledMidWriteLeavesStoreAsItWas(t *testing.T) {
	if os.Getenv(childRole) == "kill-mid-write" {
		writeAndHang(t)
		return
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tsa.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	first := record(t, s, demoScan(t, nil))
	before := storeState(t, s)
	s.Close()

	child := startChild(t, "kill-mid-write", path)
	wal, err := os.Stat(path + "-wal")
	if err != nil || wal.Size() < 64<<10 {
		t.Fatalf("the child's transaction did not reach the WAL file (%v, %v): the kill would prove nothing", wal, err)
	}
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_, _ = child.Process.Wait()

	s = openStore(t, path)
	if bad, err := s.Check(ctx); err != nil || len(bad) > 0 {
		t.Fatalf("integrity check after the kill: %v %v", bad, err)
	}
	if after := storeState(t, s); after != before {
		t.Fatal("the killed scan changed the store")
	}
	scans, err := s.Scans(ctx, 0)
	if err != nil || len(scans) != 1 || scans[0].ID != first.ScanID {
		t.Fatalf("scans after the kill: %+v %v", scans, err)
	}
	// The store goes on working: the next scan is compared with the one before the kill.
	next := record(t, s, demoScan(t, chain(fixRenewal, newExpiry)))
	if next.Counts.New != 1 || next.Counts.Resolved != 1 {
		t.Fatalf("the scan after the kill: %+v", next.Counts)
	}
}

func TestSecondScanWaitsForTheLockThenGivesUp(t *testing.T) {
	if os.Getenv(childRole) == "hold-lock" {
		holdLock(t)
		return
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tsa.db")
	child := startChild(t, "hold-lock", path)

	start := time.Now()
	_, err := AcquireLock(ctx, path, 300*time.Millisecond)
	waited := time.Since(start)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("a second scan got the lock: %v", err)
	}
	if waited < 300*time.Millisecond {
		t.Fatalf("gave up after %s, before the timeout", waited)
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("pid %d", child.Process.Pid)) || !strings.Contains(err.Error(), "--lock-timeout") {
		t.Fatalf("the message does not say who holds the lock and what to do: %v", err)
	}

	// A scan waiting when the holder dies gets the lock: the kernel releases it.
	got := make(chan error, 1)
	go func() {
		l, err := AcquireLock(ctx, path, 30*time.Second)
		if err == nil {
			err = l.Release()
		}
		got <- err
	}()
	time.Sleep(100 * time.Millisecond)
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the waiting scan never got the lock after the holder died")
	}
}

func TestLockIsExclusiveWithinAProcess(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tsa.db")
	l, err := AcquireLock(ctx, path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AcquireLock(ctx, path, 0); !errors.Is(err, ErrLocked) {
		t.Fatalf("the lock was taken twice: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := AcquireLock(cancelled, path, time.Minute); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled wait: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := AcquireLock(ctx, path, 0)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}

func TestRefusesFilesThatAreNotATsaStore(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	corrupt := append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xa5}, 8192)...)

	cases := []struct {
		name, file string
		content    []byte
		want       string
	}{
		{"text file", "notes.txt", []byte("remember the milk\n"), "not a SQLite database"},
		{"another application's database", "other.db", nil, "another application"},
		{"damaged database", "damaged.db", corrupt, "leaves it untouched"},
		{"short file", "short.db", []byte("SQL"), "not a SQLite database"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			if tc.content != nil {
				if err := os.WriteFile(path, tc.content, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Open(context.Background(), path)
			if err == nil {
				s.Close()
				t.Fatal("opened as a store")
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("message %q does not say %q about %s", err, tc.want, path)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Fatal("the file was changed")
			}
			if _, err := os.Stat(path + "-wal"); err == nil {
				t.Fatal("a WAL file was left beside it")
			}
		})
	}
}

func TestEmptyFileBecomesAStoreAndSchemaIsVersioned(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tsa.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var version, rows int
	if err := s.db.QueryRow(`SELECT max(version), count(*) FROM schema_version`).Scan(&version, &rows); err != nil {
		t.Fatal(err)
	}
	if version != len(migrations) || rows != len(migrations) {
		t.Fatalf("schema version %d in %d rows, want %d", version, rows, len(migrations))
	}
	// Reopening migrates nothing twice.
	s.Close()
	s = openStore(t, path)
	if err := s.db.QueryRow(`SELECT count(*) FROM schema_version`).Scan(&rows); err != nil || rows != len(migrations) {
		t.Fatalf("after reopening: %d rows, %v", rows, err)
	}
	// A store from a newer tsa is refused, not guessed at.
	if _, err := s.db.Exec(`INSERT INTO schema_version (version, applied_at) VALUES (?, 'later')`, len(migrations)+1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, path); !errors.Is(err, ErrNewer) {
		t.Fatalf("a newer store: %v", err)
	}
}

func TestInventoryFileRoundTrip(t *testing.T) {
	in := demoScan(t, nil)
	snap := &Snapshot{Now: in.Now, CollectedAt: in.Result.FinishedAt, Inventory: *in.Inventory}
	want, _ := json.Marshal(snap)
	for _, name := range []string{"inventory.json", "inventory.json.gz"} {
		path := filepath.Join(t.TempDir(), name)
		if err := WriteSnapshot(path, snap); err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(path)
		if gz := bytes.HasPrefix(raw, []byte{0x1f, 0x8b}); gz != strings.HasSuffix(name, ".gz") {
			t.Fatalf("%s: gzip'd = %v", name, gz)
		}
		got, err := ReadSnapshot(path)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := json.Marshal(got); !bytes.Equal(b, want) {
			t.Fatalf("%s does not read back as written", name)
		}
	}
	// A plain inventory (no clock) reads too.
	plain := filepath.Join(t.TempDir(), "plain.json")
	raw, _ := json.Marshal(in.Inventory)
	if err := os.WriteFile(plain, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := ReadSnapshot(plain)
	if err != nil || !got.Now.IsZero() || len(got.Resources) != len(in.Inventory.Resources) {
		t.Fatalf("plain inventory: %v", err)
	}
	if err := os.WriteFile(plain, []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadSnapshot(plain); err == nil || !strings.Contains(err.Error(), plain) {
		t.Fatalf("a bad file: %v", err)
	}
}

func TestDefaultPathFollowsXDGDataHome(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/srv/data")
	if p, err := DefaultPath(); err != nil || p != "/srv/data/tsa/tsa.db" {
		t.Fatalf("with XDG_DATA_HOME: %s %v", p, err)
	}
	t.Setenv("XDG_DATA_HOME", "relative/ignored") // the XDG spec: relative paths are invalid
	t.Setenv("HOME", "/home/ops")
	if p, err := DefaultPath(); err != nil || p != "/home/ops/.local/share/tsa/tsa.db" {
		t.Fatalf("without: %s %v", p, err)
	}
}

// The store holds the whole inventory: it, its WAL and its lock are the owner's alone, and a
// store opened read-only answers queries but refuses to record.
func TestStoreIsPrivateAndReadableReadOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "tsa.db")
	lock, err := AcquireLock(ctx, path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t, path)
	in := demoScan(t, nil)
	record(t, s, in)
	lock.Release()
	for _, p := range []string{dir, path, path + "-wal", LockPath(path)} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if perm := st.Mode().Perm(); perm&0o077 != 0 {
			t.Errorf("%s has mode %v: others may read the inventory", p, perm)
		}
	}
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("opening read-only: %v", err)
	}
	defer ro.Close()
	if scans, err := ro.Scans(ctx, 0); err != nil || len(scans) != 1 {
		t.Fatalf("a read-only store's scans: %v, %v", scans, err)
	}
	if _, err := ro.Record(ctx, in); err == nil {
		t.Fatal("a read-only store recorded a scan")
	}
	if _, err := OpenReadOnly(ctx, filepath.Join(dir, "none.db")); err == nil {
		t.Fatal("a missing store opened read-only")
	}
}

// An open interrupted by Ctrl-C says so; it does not call the store damaged.
func TestInterruptedOpenIsNotDamage(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "tsa.db")
	openStore(t, path).Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Open(ctx, path)
	if err == nil || strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("open after Ctrl-C: %v", err)
	}
}
