package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/scanner/history"
)

func newHistoryCommand() *cobra.Command {
	var (
		store  storeFlags
		format string
		limit  int
	)
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List the recorded scans: time, accounts, score, band and finding counts",
		Long: `history lists the scans recorded in the history store, newest first: when each ran, the
accounts it covered, its score and band, and its findings — failing, unknown, and what changed
against the previous scan of each account (new, resolved).

A finding that could not be re-assessed (its region or permission failed) is not counted
resolved: it stays open, "carried" from the scan that last saw it.`,
		Example: `  tsa history
  tsa history --limit 5 --format json
  tsa history --store /var/lib/tsa/tsa.db
  tsa history prune --keep 90d`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			st, err := store.open(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			scans, err := st.Scans(cmd.Context(), limit)
			if err != nil {
				return err
			}
			if format == "json" {
				if scans == nil {
					scans = []history.Scan{}
				}
				return printJSON(cmd.OutOrStdout(), scans, true)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "SCAN\tSTARTED\tACCOUNTS\tSCORE\tBAND\tFAIL\tUNKNOWN\tNEW\tRESOLVED\tREOPENED\tSOURCE\t")
			for _, s := range scans {
				var uins []string
				for _, a := range s.Accounts {
					uins = append(uins, shown(a.UIN))
				}
				band := s.Band
				switch {
				case s.Interrupted:
					band += " (interrupted)"
				case s.Partial:
					band += " (partial)"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%.1f\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t\n", s.ID, when(s.StartedAt), strings.Join(uins, ","),
					s.Overall, band, s.Counts.Fail, s.Counts.Unknown, s.Counts.New, s.Counts.Resolved, s.Counts.Reopened, shown(s.Source))
			}
			tw.Flush()
			if len(scans) == 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "no scans in %s yet\n", st.Path())
			}
			return nil
		},
	}
	store.register(cmd.Flags(), false)
	store.registerConfig(cmd.Flags())
	addFormatFlag(cmd.Flags(), &format)
	cmd.Flags().IntVar(&limit, "limit", 20, "scans to list, newest first (0: all)")
	cmd.AddCommand(newPruneCommand(), newRemoveCommand())
	return cmd
}

func newRemoveCommand() *cobra.Command {
	var (
		store       storeFlags
		lockTimeout time.Duration
	)
	cmd := &cobra.Command{
		Use:   "rm SCAN...",
		Short: "Remove scans (ids from tsa history) with their findings and snapshots",
		Long: `rm removes the given scans from the history store: their findings, coverage
and inventory snapshots. A finding last seen in a removed scan is forgotten:
if it fails again it counts as new. Use it for a scan that should not be
there, such as a test run against the wrong store.`,
		Example: `  tsa history rm 14
  tsa history rm 3 4 --store /var/lib/tsa/tsa.db`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var ids []int64
			for _, a := range args {
				id, err := strconv.ParseInt(a, 10, 64)
				if err != nil || id <= 0 {
					return usageError("%q is not a scan id (see tsa history)", a)
				}
				ids = append(ids, id)
			}
			path, err := store.resolve(nil, false)
			if err != nil {
				return err
			}
			lock, err := history.AcquireLock(cmd.Context(), path, lockTimeout)
			if errors.Is(err, history.ErrLocked) {
				return &codeError{code: exitLocked, err: err}
			}
			if err != nil {
				return err
			}
			defer lock.Release()
			if _, err := os.Stat(path); err != nil {
				return fmt.Errorf("no history store at %s: %w", path, err)
			}
			st, err := history.Open(cmd.Context(), path)
			if err != nil {
				return err
			}
			defer st.Close()
			for _, id := range ids {
				if err := st.Delete(cmd.Context(), id); err != nil {
					if errors.Is(err, history.ErrNoScan) {
						return usageError("%v in %s (see tsa history)", err, st.Path())
					}
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "removed scan %d from %s\n", id, st.Path())
			}
			return nil
		},
	}
	store.register(cmd.Flags(), false)
	store.registerConfig(cmd.Flags())
	cmd.Flags().DurationVar(&lockTimeout, "lock-timeout", defaultLockTimeout, "how long to wait for a running scan (then exit 6)")
	return cmd
}

func newPruneCommand() *cobra.Command {
	var (
		store       storeFlags
		keep        string
		dryRun      bool
		lockTimeout time.Duration
	)
	cmd := &cobra.Command{
		Use:   "prune",
		Short: "Remove scans and their inventory snapshots older than --keep",
		Long: `prune removes the scans that started longer ago than --keep, with their findings and
inventory snapshots. The latest scan of each account is always kept, so the next scan still has
something to compare with. Findings resolved before the cutoff are forgotten: if one comes back
it counts as new rather than reopened.

tsa scan --keep prunes the same way after each scan, in the scan's own transaction; store.keep
in the configuration makes that the default.`,
		Example: `  tsa history prune --keep 90d
  tsa history prune --keep 12w --store /var/lib/tsa/tsa.db
  tsa history prune --keep 30d --dry-run      # what would go, removing nothing`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if keep == "" {
				return usageError("--keep is required, e.g. --keep 90d")
			}
			d, err := config.ParseRetention(keep)
			if err != nil {
				return usageError("--keep: %v", err)
			}
			path, err := store.resolve(nil, false)
			if err != nil {
				return err
			}
			lock, err := history.AcquireLock(cmd.Context(), path, lockTimeout)
			if errors.Is(err, history.ErrLocked) {
				return &codeError{code: exitLocked, err: err}
			}
			if err != nil {
				return err
			}
			defer lock.Release()
			st, err := history.Open(cmd.Context(), path)
			if err != nil {
				return err
			}
			defer st.Close()
			cutoff := time.Now().Add(-d)
			prune, verb := st.Prune, "pruned"
			if dryRun {
				prune, verb = st.PruneDryRun, "would prune"
			}
			ids, err := prune(cmd.Context(), cutoff)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s %d scan(s) that started before %s from %s%s\n", verb, len(ids), when(cutoff), st.Path(), scanList(ids))
			return nil
		},
	}
	store.register(cmd.Flags(), false)
	store.registerConfig(cmd.Flags())
	cmd.Flags().StringVar(&keep, "keep", "", "keep scans younger than this (e.g. 90d, 12w, 36h)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "list the scans that would be removed, and remove nothing")
	cmd.Flags().DurationVar(&lockTimeout, "lock-timeout", defaultLockTimeout, "how long to wait for a running scan before giving up (exit 6)")
	return cmd
}

// scanList names scan ids after a count: ": scans 3, 4, 5".
func scanList(ids []int64) string {
	if len(ids) == 0 {
		return ""
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return ": scan(s) " + strings.Join(parts, ", ")
}
