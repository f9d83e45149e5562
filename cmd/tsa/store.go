package main

import (
	"context"
	"errors"
	"fmt"
	"os"
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
}

// register adds --store and, for commands that write (writer), --no-store, --lock-timeout and
// --keep.
func (s *storeFlags) register(fl *pflag.FlagSet, writer bool) {
	fl.StringVar(&s.path, "store", "", "history store file (default: store.path from --config, else $XDG_DATA_HOME/tsa/tsa.db or ~/.local/share/tsa/tsa.db)")
	if !writer {
		return
	}
	fl.BoolVar(&s.noStore, "no-store", false, "do not record the scan in the history store")
	fl.DurationVar(&s.lockTimeout, "lock-timeout", defaultLockTimeout, "how long to wait for another scan using the same store before giving up (exit 6)")
	fl.StringVar(&s.keep, "keep", "", "after recording, prune scans older than this (e.g. 90d, 12w; default store.keep from --config, else keep all)")
}

// resolve returns the store's path: --store, else the configuration's, else the default.
func (s *storeFlags) resolve(cfg *config.Config) (string, error) {
	switch {
	case s.path != "":
		return s.path, nil
	case cfg != nil && cfg.Store.Path != "":
		return cfg.Store.Path, nil
	}
	return history.DefaultPath()
}

// open opens an existing store for queries only: it works on a read-only store too.
func (s *storeFlags) open(cmd *cobra.Command, cfg *config.Config) (*history.Store, error) {
	path, err := s.resolve(cfg)
	if err != nil {
		return nil, err
	}
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
	scanID int64 // the scan recorded, once it is
}

// openForScan takes the store's lock, waiting up to --lock-timeout, and opens it.
func (s *storeFlags) openForScan(cmd *cobra.Command, cfg *config.Config) (*scanStore, error) {
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
	path, err := s.resolve(cfg)
	if err != nil {
		return nil, err
	}
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

// record writes the scan and says what changed since the previous scan of each account.
func (s *scanStore) record(cmd *cobra.Command, res *result.Scan, inv *inventory.Inventory, tg *target) error {
	if s.store == nil {
		return nil
	}
	now := tg.now
	if now.IsZero() {
		now = res.StartedAt
	}
	// Recording runs even after Ctrl-C: what was collected is kept, in one transaction.
	rec, err := s.store.Record(context.WithoutCancel(cmd.Context()), history.Input{
		Result: res, Inventory: inv, Now: now, Source: tg.source, Version: tsaVersion(), Keep: s.keep,
	})
	if err != nil {
		return err
	}
	s.scanID = rec.ScanID
	c := rec.Counts
	fmt.Fprintf(cmd.OutOrStdout(), "\nHistory   scan %d recorded in %s: %d new, %d resolved, %d reopened, %d persisting",
		rec.ScanID, s.store.Path(), c.New, c.Resolved, c.Reopened, c.Persisting)
	if c.Carried > 0 {
		fmt.Fprintf(cmd.OutOrStdout(), ", %d still open but not re-assessed (unread)", c.Carried)
	}
	fmt.Fprintln(cmd.OutOrStdout())
	if rec.Pruned > 0 {
		fmt.Fprintf(cmd.OutOrStdout(), "          pruned %d scan(s) older than %s\n", rec.Pruned, span(s.keep))
	}
	return nil
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
