package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner"
	"github.com/tsa-scanner/tsa/scanner/history"
	"github.com/tsa-scanner/tsa/support"
	"github.com/tsa-scanner/tsa/support/tickets"
)

func newTicketsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tickets",
		Short: "Support tickets from failing findings: sync, list, show, close",
		Long: `tickets keeps one support ticket per failing rule and account (or per finding), graded
conservatively by the account's support plan, in a ledger inside the history store. A scan
drives each ticket: opened, updated when the evidence changes, resolved when a later scan
finds it passing, reopened when it fails again, closed with the reason when a waiver accepts
it. Unknown never resolves a ticket. Changes go to the configured sinks: a signed webhook,
WeCom / Feishu / DingTalk group robots (new high tickets) and console drafts (docs/tickets.md).

With tickets.enabled in the configuration, every tsa scan syncs; tsa tickets sync does it for
a recorded scan.`,
	}
	cmd.AddCommand(newTicketsSyncCommand(), newTicketsListCommand(), newTicketsShowCommand(), newTicketsCloseCommand())
	return cmd
}

func newTicketsSyncCommand() *cobra.Command {
	var (
		store      storeFlags
		configPath string
		scanID     int64
	)
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Turn a recorded scan's failing findings into ticket changes and send them",
		Long: `sync applies a scan recorded in the history store (the latest, or --scan N) to the ticket
ledger with the configuration's tickets policy, then sends the changes to the configured
sinks. Syncing a scan twice changes nothing; a scan older than one already synced is refused.
A delivery that fails after its retries is kept as a dead letter (tsa tickets show) and never
makes sync fail; a ledger that cannot be written does (exit 1).`,
		Example: `  tsa tickets sync --config tsa.yaml
  tsa tickets sync --config tsa.yaml --scan 12`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if configPath == "" {
				return usageError("--config is required: it holds the tickets policy, sinks and plans")
			}
			ctx := cmd.Context()
			cfg, err := config.Load(configPath)
			if err != nil {
				return &codeError{code: exitUsage, err: err}
			}
			eval, err := scanner.EvaluationFrom(ctx, cfg)
			if err != nil {
				return &codeError{code: exitUsage, err: err}
			}
			syncer, err := tickets.Setup(cfg, eval.Engine.Rules(), tickets.SystemClock{})
			if err != nil {
				return &codeError{code: exitUsage, err: err}
			}
			st, err := openLedger(cmd, &store, cfg)
			if err != nil {
				return err
			}
			defer st.Close()
			if scanID == 0 {
				ids, err := st.Latest(ctx, 1)
				if err != nil {
					return err
				}
				if len(ids) == 0 {
					return fmt.Errorf("%w: the store has no scan yet", history.ErrNoScan)
				}
				scanID = ids[0]
			}
			sc, err := st.Scan(ctx, scanID)
			if err != nil {
				return err
			}
			findings, err := st.Findings(ctx, scanID)
			if err != nil {
				return err
			}
			assessment, err := st.Assessment(ctx, scanID)
			if err != nil {
				return err
			}
			// The store keeps a finding's waived status, not the waiver: find it again.
			for i := range findings {
				f := &findings[i]
				for _, w := range eval.Waivers {
					if f.Status == result.Waived && w.Matches(f.RuleID, f.Account, f.Region, f.ResourceID, f.Tags) {
						f.Waiver = &result.Suppression{Reason: w.Reason, Owner: w.Owner, Source: w.Source}
						break
					}
				}
			}
			syncer.Attach(st)
			rep, err := syncer.Sync(ctx, tickets.Run{ScanID: scanID, At: sc.StartedAt, Findings: findings, Assessment: assessment})
			if err != nil {
				return err
			}
			printSync(cmd.OutOrStdout(), cmd.ErrOrStderr(), scanID, rep)
			return nil
		},
	}
	store.register(cmd.Flags(), false)
	cmd.Flags().StringVarP(&configPath, "config", "c", "", "configuration file with the tickets section")
	cmd.Flags().Int64Var(&scanID, "scan", 0, "the recorded scan to sync (default: the latest)")
	return cmd
}

// openLedger opens an existing store for writing tickets (bringing its schema up to date).
func openLedger(cmd *cobra.Command, store *storeFlags, cfg *config.Config) (*history.Store, error) {
	path, err := store.resolve(cfg, false)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no history store at %s yet: tsa scan records one (or give --store)", path)
	}
	return history.Open(cmd.Context(), path)
}

// printSync says what a sync did, one line, and warns about dead letters.
func printSync(w, errw io.Writer, scanID int64, rep *tickets.Report) {
	var parts []string
	for _, k := range []string{tickets.EventOpened, tickets.EventUpdated, tickets.EventResolved, tickets.EventReopened, tickets.EventWaived} {
		parts = append(parts, fmt.Sprintf("%d %s", rep.Counts[k], k))
	}
	fmt.Fprintf(w, "Tickets   scan %d: %s", scanID, strings.Join(parts, ", "))
	if rep.Deferred > 0 {
		fmt.Fprintf(w, "; %d finding(s) past the per-run limit, on the summary ticket", rep.Deferred)
	}
	fmt.Fprintln(w)
	for _, warn := range rep.Warnings {
		fmt.Fprintln(errw, "tsa: tickets:", warn)
	}
}

// scanTickets is the scan command's ticket sync: set up (and checked) before the scan, run
// after it is recorded. Its zero value does nothing.
type scanTickets struct{ syncer *tickets.Syncer }

// openScanTickets checks the tickets section before any work when tickets.enabled is on.
func openScanTickets(cfg *config.Config, eval scanner.Evaluation) (*scanTickets, error) {
	if !cfg.Tickets.Enabled {
		return &scanTickets{}, nil
	}
	s, err := tickets.Setup(cfg, eval.Engine.Rules(), tickets.SystemClock{})
	if err != nil {
		return nil, &codeError{code: exitUsage, err: err}
	}
	return &scanTickets{syncer: s}, nil
}

// sync turns the recorded scan into ticket changes. It never fails the scan: a problem is a
// warning, and tsa tickets sync can run again.
func (t *scanTickets) sync(cmd *cobra.Command, store *scanStore, res *result.Scan) {
	if t.syncer == nil {
		return
	}
	if store.store == nil || store.scanID == 0 {
		fmt.Fprintln(cmd.ErrOrStderr(), "tsa: tickets: not synced: the ledger lives in the history store, and this scan was not recorded")
		return
	}
	t.syncer.Attach(store.store)
	rep, err := t.syncer.Sync(context.WithoutCancel(cmd.Context()), tickets.Run{ScanID: store.scanID, At: res.StartedAt,
		Findings: res.Findings, Assessment: history.NewAssessment(res)})
	if err != nil {
		fmt.Fprintln(cmd.ErrOrStderr(), "tsa: tickets: not synced:", err, "(run tsa tickets sync to try again)")
		return
	}
	printSync(cmd.OutOrStdout(), cmd.ErrOrStderr(), store.scanID, rep)
}

func newTicketsListCommand() *cobra.Command {
	var (
		store  storeFlags
		format string
		f      tickets.Filter
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List tickets, most recently changed first",
		Long: `list prints the tickets of the ledger with their state, the rules' severity, the case
severity they are graded at and the plan's first-response time for it.`,
		Example: "  tsa tickets list\n  tsa tickets list --state open --account 100012345678 --format json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			st, err := store.open(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			ts, err := tickets.NewLedger(st).List(cmd.Context(), f)
			if err != nil {
				return usageError("%v", err)
			}
			if format == "json" {
				return printJSON(cmd.OutOrStdout(), ts)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSTATE\tSEVERITY\tGRADE\tRESPONSE\tRULE\tACCOUNT\tPLAN\tITEMS\tUPDATED\tTITLE")
			for _, t := range ts {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", t.ID, t.State, strings.ToUpper(t.Severity), t.Grade.Severity,
					response(t.Grade.Response), t.RuleID, t.Account, t.Plan, len(t.Items), when(t.UpdatedAt), t.Title)
			}
			tw.Flush()
			fmt.Fprintf(cmd.OutOrStdout(), "%d ticket(s)\n", len(ts))
			return nil
		},
	}
	fl := cmd.Flags()
	store.register(fl, false)
	addFormatFlag(fl, &format)
	fl.StringSliceVar(&f.States, "state", nil, "open, resolved, waived, closed")
	fl.StringSliceVar(&f.Accounts, "account", nil, "account UIN")
	fl.StringSliceVar(&f.Rules, "rule", nil, "rule id")
	return cmd
}

func response(d time.Duration) string {
	if d == 0 {
		return "-"
	}
	return "< " + support.FormatResponse(d)
}

func newTicketsShowCommand() *cobra.Command {
	var (
		store  storeFlags
		format string
		draft  bool
		lang   string
	)
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a ticket: grade, items, events and deliveries, or its console draft",
		Long: `show prints a ticket: its grade and why, the resources on it, its comments (events) and
what was sent where, dead letters included. With --draft it prints the console draft, ready
to paste into the Tencent Cloud console's case form, in English or Chinese.`,
		Example: `  tsa tickets show 3
  tsa tickets show 3 --draft --lang zh-CN
  tsa tickets show 3 --draft --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if lang != "en" && lang != "zh-CN" {
				return usageError("--lang %q: want en or zh-CN", lang)
			}
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return usageError("%q is not a ticket id (see tsa tickets list)", args[0])
			}
			st, err := store.open(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			l := tickets.NewLedger(st)
			t, err := l.Get(cmd.Context(), id)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if draft {
				ds := tickets.Drafts(t)
				if format == "json" {
					return printJSON(w, ds)
				}
				for _, d := range ds {
					if d.Lang == lang {
						fmt.Fprint(w, d.Markdown())
					}
				}
				return nil
			}
			events, err := l.Events(cmd.Context(), id)
			if err != nil {
				return err
			}
			deliveries, err := l.Deliveries(cmd.Context(), id, "")
			if err != nil {
				return err
			}
			if format == "json" {
				return printJSON(w, map[string]any{"ticket": t, "events": events, "deliveries": deliveries})
			}
			fmt.Fprintf(w, "Ticket %d  %s  %s %s  account %s  plan %s\n", t.ID, strings.ToUpper(t.State), strings.ToUpper(t.Severity), t.RuleID, t.Account, t.Plan)
			fmt.Fprintf(w, "Title     %s\n", t.Title)
			fmt.Fprintf(w, "Grade     %s (%s), first response %s\n          %s\n", t.Grade.Severity, t.Grade.Name, response(t.Grade.Response), t.Grade.Reason)
			if t.Grade.Faster != "" {
				fmt.Fprintf(w, "          %s\n", t.Grade.Faster)
			}
			fmt.Fprintf(w, "Items     %d\n", len(t.Items))
			for _, it := range t.Items {
				fmt.Fprintf(w, "  %s %s %s: %s\n", it.RuleID, orGlobal(it.Region), it.ResourceID, it.Message)
			}
			fmt.Fprintln(w, "Events")
			for _, e := range events {
				fmt.Fprintf(w, "  %s  %-9s %s\n", when(e.At), e.Kind, e.Comment)
			}
			if len(deliveries) > 0 {
				fmt.Fprintln(w, "Deliveries")
				for _, d := range deliveries {
					fmt.Fprintf(w, "  event %d  %-8s %-9s %d attempt(s) %s\n", d.EventID, d.Sink, d.State, d.Attempts, d.Error)
				}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	store.register(fl, false)
	addFormatFlag(fl, &format)
	fl.BoolVar(&draft, "draft", false, "print the console draft (Markdown, or JSON with --format json)")
	fl.StringVar(&lang, "lang", "en", "draft language: en or zh-CN")
	return cmd
}

func newTicketsCloseCommand() *cobra.Command {
	var (
		store  storeFlags
		reason string
	)
	cmd := &cobra.Command{
		Use:   "close ID",
		Short: "Close a ticket by hand (the finding stays open)",
		Long: `close marks a ticket closed, for a case closed in the console or handled elsewhere. It never
closes a finding: the finding stays open in the history, and if it passes and then fails
again, a new ticket is opened.`,
		Example: `  tsa tickets close 3 --reason "case 2026120400123 answered"`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return usageError("%q is not a ticket id (see tsa tickets list)", args[0])
			}
			st, err := openLedger(cmd, &store, nil)
			if err != nil {
				return err
			}
			defer st.Close()
			t, err := tickets.NewLedger(st).Close(cmd.Context(), id, reason, time.Now())
			if err != nil {
				return usageError("%v", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Ticket %d closed; its findings stay open in the history.\n", t.ID)
			return nil
		},
	}
	store.register(cmd.Flags(), false)
	cmd.Flags().StringVar(&reason, "reason", "", "why it is closed (required)")
	return cmd
}
