package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tsa-scanner/tsa/config"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/iem"
	"github.com/tsa-scanner/tsa/report"
	"github.com/tsa-scanner/tsa/scanner"
	"github.com/tsa-scanner/tsa/scanner/history"
	"github.com/tsa-scanner/tsa/support/tickets"
)

func newIEMCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "iem",
		Short: "Pre-event readiness audits for Infrastructure Event Management",
		Long: `iem audits the estate before a big event (a launch, a promotion, a traffic peak): will it
hold the expected peak, what could break it, what must be done by whom before the start, and
can the support plan's IEM sessions still be used. See docs/iem.md.`,
	}
	cmd.AddCommand(newIEMCheckCommand(), newIEMSessionsCommand(), newIEMDiffCommand())
	return cmd
}

func newIEMCheckCommand() *cobra.Command {
	var (
		t      targetFlags
		store  storeFlags
		event  string
		out    string
		record bool
	)
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Audit the estate's readiness for an event",
		Long: `check scans the accounts of the configuration (or the demo), then judges the event file's
scope against the event's window and peak multiplier: capacity and quotas at the projected peak,
single points of failure, open HIGH security findings, prepaid resources and certificates
expiring in the window (+7 days), maintenance windows inside it, and the plan's IEM entitlement,
sessions and request notice. Each check is pass, warn, fail or unknown (data missing: never
counted as ready).

Exit codes:
  0  ready: every check passed
  5  ready with risks: warnings only
  7  not ready: a check failed
  3  partial: nothing failed, but some data could not be read
  2  bad flags, configuration or event file (errors name file:line)
  1  tsa could not do its job`,
		Example: `  tsa iem check --demo
  tsa iem check --config tsa.yaml --event double11.yaml --out iem/
  tsa iem check --config tsa.yaml --event launch.yaml --record  # keep it`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if event == "" && !t.demo {
				return usageError("give --event FILE (with --demo it defaults to the demo's promotion)")
			}
			if out != "" {
				if err := os.MkdirAll(out, 0o700); err != nil {
					return usageError("--out: %v", err)
				}
			}
			tg, err := openTarget(cmd, &t)
			if err != nil {
				return err
			}
			defer tg.close()
			today := tg.now
			if today.IsZero() {
				today = time.Now()
			}
			var uins []string
			plans := map[string]string{}
			for _, a := range tg.cfg.Accounts {
				uins = append(uins, a.UIN)
				plans[a.UIN] = a.Plan
			}
			var ev *iem.Event
			if event != "" {
				ev, err = iem.LoadEvent(event, uins, today)
			} else {
				ev, err = iem.ParseEvent("demo-event.yaml", iem.DemoEvent, uins, today)
			}
			if err != nil {
				return &codeError{code: exitUsage, err: err}
			}
			catalog, err := tickets.Catalog(tg.cfg)
			if err != nil {
				return &codeError{code: exitUsage, err: err}
			}
			eval, err := scanner.EvaluationFrom(cmd.Context(), tg.cfg)
			if err != nil {
				return &codeError{code: exitUsage, err: err}
			}
			prog := newProgress(cmd.ErrOrStderr(), false)
			res, inv, err := scanner.Run(cmd.Context(), scanner.Options{
				CollectOptions: scanner.CollectOptions{Config: tg.cfg, Credential: tg.cred, Client: tg.client, Progress: prog.update},
				Evaluation:     eval,
				Now:            tg.now,
			})
			prog.done()
			if err != nil {
				return err
			}
			if missing := iem.UnmatchedTags(ev, inv.Resources); len(missing) > 0 {
				return usageError("%s: no resource carries the tag(s) %s: the scope would audit nothing", ev.Source, strings.Join(missing, ", "))
			}
			st, err := openIEMStore(cmd, &store, t.demo, record)
			if err != nil {
				return err
			}
			used := map[string]int{}
			if st != nil {
				defer st.Close()
				sessions, err := st.IEMSessions(cmd.Context(), "", ev.Start.Year(), ev.Start.Location())
				if err != nil {
					return err
				}
				for _, s := range sessions {
					if !(s.Event == ev.Name && s.Start.Equal(ev.Start)) {
						used[s.Account]++
					}
				}
			}
			a := iem.Run(iem.Input{Event: ev, Inventory: inv, Findings: res.Findings, Plans: plans, Catalog: catalog, SessionsUsed: used, Now: today})
			body, err := json.MarshalIndent(a, "", "  ")
			if err != nil {
				return err
			}
			body = []byte(report.MaskSecret(string(body))) // findings quote access key ids
			if out != "" {
				path := filepath.Join(out, "iem.json")
				if err := os.WriteFile(path, append(body, '\n'), 0o600); err != nil {
					return err
				}
				defer fmt.Fprintf(cmd.OutOrStdout(), "\nWrote %s\n", path)
			}
			if record && st != nil {
				if _, err := st.AddIEMAudit(cmd.Context(), history.IEMAudit{Event: a.Event, Start: a.Start, AuditedAt: time.Now().UTC(), Verdict: a.Verdict, Body: body}); err != nil {
					return err
				}
			}
			report.IEMSummary(cmd.OutOrStdout(), a)
			if code := iem.ExitCode(a.Verdict); code != 0 {
				return &codeError{code: code}
			}
			return nil
		},
	}
	t.register(cmd.Flags())
	cmd.Flags().StringVar(&store.path, "store", "", "history store with the IEM session ledger (default as for scan)")
	cmd.Flags().StringVar(&event, "event", "", "the event file (docs/iem.md)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "directory to write iem.json to")
	cmd.Flags().BoolVar(&record, "record", false, "record the audit in the history store (the monthly report lists it)")
	return cmd
}

// openIEMStore opens the store that holds the session ledger: for writing when the audit is to
// be recorded, else read-only, and not at all when there is none yet.
func openIEMStore(cmd *cobra.Command, s *storeFlags, demo, write bool) (*history.Store, error) {
	path, err := s.resolve(nil, demo)
	if err != nil {
		return nil, err
	}
	if write {
		return history.Open(cmd.Context(), path)
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return history.OpenReadOnly(cmd.Context(), path)
}

func newIEMSessionsCommand() *cobra.Command {
	var (
		store   storeFlags
		year    int
		add     bool
		event   string
		account string
	)
	cmd := &cobra.Command{
		Use:   "sessions",
		Short: "List (or record) the IEM sessions used in a year",
		Long: fmt.Sprintf(`sessions lists the IEM sessions recorded in the history store for a year; with --add it
records the event file's window as a session of --account. Enterprise includes %d sessions a
year, each up to %d consecutive days; tsa iem check counts them.`, iem.SessionsPerYear, iem.MaxSessionDays),
		Example: `  tsa iem sessions
  tsa iem sessions --year 2026 --store /var/lib/tsa/tsa.db
  tsa iem sessions --add --event double11.yaml --account 100012345678`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := store.resolve(nil, store.demo)
			if err != nil {
				return err
			}
			if add {
				if event == "" || account == "" {
					return usageError("--add needs --event FILE and --account UIN")
				}
				ev, err := iem.LoadEvent(event, []string{account}, time.Now())
				if err != nil {
					return &codeError{code: exitUsage, err: err}
				}
				st, err := history.Open(cmd.Context(), path)
				if err != nil {
					return err
				}
				defer st.Close()
				if err := st.AddIEMSession(cmd.Context(), history.IEMSession{Account: account, Event: ev.Name, Start: ev.Start, End: ev.End, RecordedAt: time.Now()}); err != nil {
					return err
				}
				year = ev.Start.Year()
			}
			if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("no history store at %s yet: tsa scan records one (or give --store)", path)
			}
			st, err := history.OpenReadOnly(cmd.Context(), path)
			if err != nil {
				return err
			}
			defer st.Close()
			sh, _ := time.LoadLocation("Asia/Shanghai")
			ss, err := st.IEMSessions(cmd.Context(), account, year, sh)
			if err != nil {
				return err
			}
			per := map[string]int{}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintf(tw, "ACCOUNT\tEVENT\tSTART\tEND\t\n")
			for _, s := range ss {
				per[s.Account]++
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", s.Account, report.Clean(s.Event), s.Start.In(sh).Format("2006-01-02 15:04"), s.End.In(sh).Format("2006-01-02 15:04"))
			}
			tw.Flush()
			accts := make([]string, 0, len(per))
			for a := range per {
				accts = append(accts, a)
			}
			sort.Strings(accts)
			for _, a := range accts {
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %d of %d sessions used in %d\n", a, per[a], iem.SessionsPerYear, year)
			}
			if len(ss) == 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "no IEM session recorded in %d\n", year)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&store.path, "store", "", "history store file (default as for scan)")
	cmd.Flags().BoolVar(&store.demo, "demo", false, "use the demo scans' own store")
	cmd.Flags().IntVar(&year, "year", time.Now().Year(), "the calendar year (Asia/Shanghai)")
	cmd.Flags().BoolVar(&add, "add", false, "record the event's window as a session")
	cmd.Flags().StringVar(&event, "event", "", "with --add: the event file")
	cmd.Flags().StringVar(&account, "account", "", "the account (with --add: required)")
	return cmd
}

func newIEMDiffCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "diff OLD.json NEW.json",
		Short: "Compare two audits of the same event (re-run daily in the final week)",
		Example: `  tsa iem check --config tsa.yaml --event launch.yaml --out day1/
  tsa iem check --config tsa.yaml --event launch.yaml --out day2/
  tsa iem diff day1/iem.json day2/iem.json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			var audits [2]iem.Audit
			for i, p := range args {
				raw, err := config.ReadFile(p)
				if err != nil {
					return usageError("%v", err)
				}
				if err := json.Unmarshal(raw, &audits[i]); err != nil {
					return usageError("%s: not an iem.json: %v", p, err)
				}
			}
			if audits[0].Event != audits[1].Event {
				return usageError("the audits are of two events (%q, %q)", audits[0].Event, audits[1].Event)
			}
			d := iem.Compare(&audits[0], &audits[1])
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "%s: %s → %s\n", report.Clean(audits[1].Event), audits[0].Verdict, audits[1].Verdict)
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			for _, c := range d {
				fmt.Fprintf(tw, "  %s\t%s → %s\t%s\t\n", c.ID, orNone(string(c.Before)), orNone(string(c.After)), report.Clean(c.Detail))
			}
			tw.Flush()
			if len(d) == 0 {
				fmt.Fprintln(w, "  no check changed")
			}
			return nil
		},
	}
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
