package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner/history"
)

// defaultLockTimeout is how long a scan waits for another scan of the same store.
const defaultLockTimeout = 30 * time.Second

// storeFlags locate the history store and, for writers, how to share and prune it.
type storeFlags struct {
	path        string
	noStore     bool
	lockTimeout time.Duration
	keep        string
	// configPath and demo locate the store for the commands that only read it (for scan they
	// are the target's flags).
	configPath string
	demo       bool
}

// register adds --store and, for the scan (writer), --no-store, --lock-timeout and --keep;
// for the commands that read the store, --config and --demo to find it.
func (s *storeFlags) register(fl *pflag.FlagSet, writer bool) {
	fl.StringVar(&s.path, "store", "", "history store file (default: store.path of the config, else tsa/tsa.db in $XDG_DATA_HOME or ~/.local/share)")
	if !writer {
		fl.BoolVar(&s.demo, "demo", false, "use the demo scans' own store (demo.db beside the default store)")
		return
	}
	fl.BoolVar(&s.noStore, "no-store", false, "do not record the scan in the history store")
	fl.DurationVar(&s.lockTimeout, "lock-timeout", defaultLockTimeout, "how long to wait for another scan of the same store (then exit 6)")
	fl.StringVar(&s.keep, "keep", "", "after recording, prune scans older than this (90d, 12w; default store.keep)")
}

// registerConfig adds --config for the commands that only read the store.
func (s *storeFlags) registerConfig(fl *pflag.FlagSet) {
	fl.StringVarP(&s.configPath, "config", "c", "", "configuration whose store.path to use (default: ./tsa.yaml, then the user config dir)")
}

// resolve returns the store's path: --store, else the demo store for the demo, else the
// configuration's store.path, else the default. cfg is the scan's configuration; for the
// reading commands it is loaded from --config or the discovered configuration.
func (s *storeFlags) resolve(cfg *config.Config, demo bool) (string, error) {
	if s.path != "" {
		return s.path, nil
	}
	if demo || s.demo {
		def, err := history.DefaultPath()
		if err != nil {
			return "", err
		}
		return filepath.Join(filepath.Dir(def), "demo.db"), nil
	}
	if cfg == nil {
		path := s.configPath
		if path == "" {
			path, _ = config.Discover()
		}
		if path != "" {
			var err error
			if cfg, err = config.Load(path); err != nil {
				return "", &codeError{code: exitUsage, err: err}
			}
			slog.Info("configuration", "file", path)
		}
	}
	if cfg != nil && cfg.Store.Path != "" {
		return cfg.Store.Path, nil
	}
	return history.DefaultPath()
}

// open opens an existing store for queries only: it works on a read-only store too.
func (s *storeFlags) open(cmd *cobra.Command) (*history.Store, error) {
	if s.demo && s.configPath != "" {
		return nil, usageError("--demo and --config name two stores: give one")
	}
	path, err := s.resolve(nil, false)
	if err != nil {
		return nil, err
	}
	slog.Info("history store", "path", path)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no history store at %s yet: tsa scan records one (or give --store)", path)
	}
	return history.OpenReadOnly(cmd.Context(), path)
}

// scanStore is a store held for one scan: locked from before collection until the scan is
// recorded. Its zero value (with --no-store) records nothing.
type scanStore struct {
	store  *history.Store
	lock   *history.Lock
	keep   time.Duration
	known  map[string]bool // accounts scanned before, from before()
	scanID int64           // the scan recorded, once it is
}

// openForScan takes the store's lock, waiting up to --lock-timeout, and opens it. Demo scans
// go to their own store unless --store says otherwise: they never mix with real history.
func (s *storeFlags) openForScan(cmd *cobra.Command, cfg *config.Config, demo bool) (*scanStore, error) {
	if s.noStore {
		if s.path != "" || s.keep != "" {
			return nil, usageError("--no-store leaves no room for --store or --keep")
		}
		return &scanStore{}, nil
	}
	keep := time.Duration(cfg.Store.Keep)
	if s.keep != "" {
		var err error
		if keep, err = config.ParseRetention(s.keep); err != nil {
			return nil, usageError("--keep: %v", err)
		}
	}
	path, err := s.resolve(cfg, demo)
	if err != nil {
		return nil, err
	}
	slog.Info("history store", "path", path)
	lock, err := history.AcquireLock(cmd.Context(), path, s.lockTimeout)
	if errors.Is(err, history.ErrLocked) {
		return nil, &codeError{code: exitLocked, err: err}
	}
	if err != nil {
		return nil, err
	}
	st, err := history.Open(cmd.Context(), path)
	if err != nil {
		lock.Release()
		return nil, err
	}
	return &scanStore{store: st, lock: lock, keep: keep}, nil
}

// recentScans is how far back the store is searched for the previous scan of an account or
// a source.
const recentScans = 100

// before reads, ahead of the scan, what it will be compared with: the overall score of the
// latest assessed scan of the same source (for --fail-on-regression), and the accounts that
// were scanned before (a finding is only "new" in an account that was looked at before).
func (s *scanStore) before(ctx context.Context, source string) (outcome, error) {
	var o outcome
	if s.store == nil {
		return o, nil
	}
	scans, err := s.store.Scans(ctx, recentScans)
	if err != nil {
		return o, err
	}
	s.known = map[string]bool{}
	for _, sc := range scans {
		if !o.HasPrevious && sc.Source == source && sc.Band != result.NotAssessed && !sc.Interrupted {
			o.Previous, o.HasPrevious = sc.Overall, true
		}
		for _, a := range sc.Accounts {
			if a.Error == "" {
				s.known[a.UIN] = true
			}
		}
	}
	return o, nil
}

// record writes the scan in one transaction, even after Ctrl-C: what was collected is kept.
// It returns nil with --no-store.
func (s *scanStore) record(ctx context.Context, res *result.Scan, inv *inventory.Inventory, tg *target) (*history.Recorded, error) {
	if s.store == nil {
		return nil, nil
	}
	now := tg.now
	if now.IsZero() {
		now = res.StartedAt
	}
	rec, err := s.store.Record(context.WithoutCancel(ctx), history.Input{
		Result: res, Inventory: inv, Now: now, Source: tg.source, Version: tsaVersion(), Keep: s.keep,
	})
	if err != nil {
		return nil, err
	}
	s.scanID = rec.ScanID
	return rec, nil
}

// newFindings returns the failing findings the recorded scan saw first (new or reopened) in
// the accounts that had been scanned before; nil when none had, as there was nothing to
// compare with.
func (s *scanStore) newFindings(ctx context.Context, res *result.Scan) ([]result.Finding, error) {
	var uins []string
	for _, a := range res.Accounts {
		if a.Error == "" && s.known[a.UIN] {
			uins = append(uins, a.UIN)
		}
	}
	if len(uins) == 0 {
		return nil, nil
	}
	issues, err := s.store.Issues(context.WithoutCancel(ctx), history.Query{Status: []string{"new", "reopened"}, Account: uins})
	if err != nil {
		return nil, err
	}
	out := []result.Finding{}
	for _, is := range issues {
		if is.Status == result.Fail {
			out = append(out, is.Finding)
		}
	}
	result.SortFindings(out)
	return out, nil
}

// printRecorded says where the scan was recorded and what changed since the previous scan of
// each account.
func (s *scanStore) printRecorded(w io.Writer, rec *history.Recorded) {
	c := rec.Counts
	fmt.Fprintf(w, "\nHistory   scan %d recorded in %s: %d new, %d resolved, %d reopened, %d persisting",
		rec.ScanID, s.store.Path(), c.New, c.Resolved, c.Reopened, c.Persisting)
	if c.Carried > 0 {
		fmt.Fprintf(w, ", %d still open but not re-assessed (unread)", c.Carried)
	}
	fmt.Fprintln(w)
	if rec.Pruned > 0 {
		fmt.Fprintf(w, "          pruned %d scan(s) older than %s\n", rec.Pruned, span(s.keep))
	}
}

// span writes a retention the way it is given: in days when whole days.
func span(d time.Duration) string {
	if day := 24 * time.Hour; d%day == 0 {
		return fmt.Sprintf("%dd", d/day)
	}
	return d.String()
}

// close releases the store and its lock.
func (s *scanStore) close() {
	if s.store != nil {
		s.store.Close()
	}
	s.lock.Release()
}
