package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/iem"
	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/report"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/rules"
	"github.com/tsa-scanner/tsa/scanner"
	"github.com/tsa-scanner/tsa/scanner/history"
	"github.com/tsa-scanner/tsa/support/tickets"
)

type reportFlags struct {
	store    storeFlags
	config   string
	month    string
	year     string
	accounts []string
	lang     string
	tz       string
	notes    string
	formats  []string
	out      string
	demo     bool
}

// reportFormats are the formats tsa report writes.
var reportFormats = []string{"pdf", "html", "json"}

// demoMonths is how many months of scans the demo history holds.
const demoMonths = 6

func newReportCommand() *cobra.Command {
	f := &reportFlags{}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Render the monthly (or annual) service report from the scan history",
		Long: `report renders the monthly service report a TAM hands to a customer, from the scans in the
history store: cover, executive summary, account overview, trend, top risks, TAM
recommendations, remediation tracking, service limits, expiring resources and changes, cost,
support, events, the TAM's tables, and appendices (finding details, waivers, methodology).

The month is a calendar month in --tz. The last scan of the month is "now"; earlier scans
give the trends. A support plan without the service-report entitlement gets a self-service
risk report without the TAM sections. Beside the PDF, a CSV lists every open finding.

--notes adds the TAM's narrative, curated recommendations and tables (docs/report.md).
--config names the waiver files (and the store) of the scans. The same store and notes
always give the same bytes.

With --demo, tsa scans its emulator's demo scenario as it stood over six months (the clock
moves and the estate changes between scans), records the scans in a new store under
--out/demo/, and renders November 2026 from it.`,
		Example: `  tsa report --demo --out reports/
  tsa report --demo --lang en --format pdf,html,json --out reports/
  tsa report --month 2026-11 --notes tam.yaml --config tsa.yaml --out reports/
  tsa report --year 2026 --accounts 100012345678 --lang en --out reports/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runReport(cmd, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.store.path, "store", "", "history store file (default: store.path of --config, else tsa/tsa.db in $XDG_DATA_HOME or ~/.local/share)")
	fl.StringVarP(&f.config, "config", "c", "", "configuration: its waiver files and store are used")
	fl.StringVar(&f.month, "month", "", "calendar month to report, YYYY-MM (default: the last month with a scan)")
	fl.StringVar(&f.year, "year", "", "calendar year to report, YYYY: the annual report")
	fl.StringSliceVar(&f.accounts, "accounts", nil, "accounts (UINs) to report on (default: all in the scans)")
	fl.StringVar(&f.lang, "lang", "zh-CN", "language: zh-CN or en")
	fl.StringVar(&f.tz, "tz", "Asia/Shanghai", "time zone of the calendar month and of the times shown")
	fl.StringVar(&f.notes, "notes", "", "the TAM's notes file (tam.yaml)")
	fl.StringSliceVar(&f.formats, "format", []string{"pdf"}, "formats to write: pdf, html, json")
	fl.StringVarP(&f.out, "out", "o", "reports", "directory to write the report to")
	fl.BoolVar(&f.demo, "demo", false, "build a demo history from the emulator and report on it")
	return cmd
}

// reportInputs are the checked flags: everything that can be wrong is found before any work.
type reportInputs struct {
	loc     *time.Location
	period  *report.Period // nil: the month of the latest scan
	formats []string
	notes   *report.Notes
	cfg     *config.Config
	waivers []config.Waiver
}

func checkReportFlags(f *reportFlags) (*reportInputs, error) {
	in := &reportInputs{}
	if f.month != "" && f.year != "" {
		return nil, usageError("give --month or --year, not both")
	}
	if !slices.Contains(report.Languages, f.lang) {
		return nil, usageError("--lang %q: want %s", f.lang, strings.Join(report.Languages, " or "))
	}
	var err error
	if in.loc, err = time.LoadLocation(f.tz); err != nil {
		return nil, usageError("--tz %q: %v", f.tz, err)
	}
	switch {
	case f.year != "":
		p, err := report.YearPeriod(f.year, in.loc)
		if err != nil {
			return nil, usageError("--year: %v", err)
		}
		in.period = &p
	case f.month != "":
		p, err := report.MonthPeriod(f.month, in.loc)
		if err != nil {
			return nil, usageError("--month: %v", err)
		}
		in.period = &p
	}
	for _, format := range f.formats {
		format = strings.ToLower(strings.TrimSpace(format))
		if !slices.Contains(reportFormats, format) {
			return nil, usageError("--format %q: want %s", format, strings.Join(reportFormats, ", "))
		}
		if !slices.Contains(in.formats, format) {
			in.formats = append(in.formats, format)
		}
	}
	if f.demo && (f.config != "" || f.store.path != "") {
		return nil, usageError("--demo builds its own store: leave out --config and --store")
	}
	if err := report.CheckFont(); err != nil {
		return nil, err
	}
	if err := writableDir(f.out); err != nil {
		return nil, &codeError{code: exitUsage, err: fmt.Errorf("--out %s: %w", f.out, err)}
	}
	if f.notes != "" {
		if in.notes, err = report.LoadNotes(f.notes); err != nil {
			return nil, &codeError{code: exitUsage, err: err}
		}
	}
	if f.config != "" {
		if in.cfg, err = config.Load(f.config); err != nil {
			return nil, &codeError{code: exitUsage, err: err}
		}
		in.waivers = []config.Waiver{}
		for _, file := range in.cfg.Waivers {
			ws, err := config.LoadWaivers(file)
			if err != nil {
				return nil, &codeError{code: exitUsage, err: err}
			}
			in.waivers = append(in.waivers, ws...)
		}
	}
	return in, nil
}

// writableDir makes sure dir exists and a file can be written in it.
func writableDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	probe, err := os.CreateTemp(dir, ".tsa-report-*")
	if err != nil {
		return fmt.Errorf("not writable: %w", err)
	}
	probe.Close()
	return os.Remove(probe.Name())
}

func runReport(cmd *cobra.Command, f *reportFlags) error {
	ctx := cmd.Context()
	in, err := checkReportFlags(f)
	if err != nil {
		return err
	}
	var store *history.Store
	if f.demo {
		store, in, err = demoHistory(ctx, f, in, cmd.ErrOrStderr())
	} else {
		f.store.configPath = f.config
		store, err = f.store.open(cmd)
	}
	if err != nil {
		return err
	}
	defer store.Close()
	period, err := reportPeriod(ctx, store, in)
	if err != nil {
		return err
	}
	var custom []string
	if in.cfg != nil {
		custom = in.cfg.Rules.CustomDirs
	}
	engine, err := rules.New(ctx, rules.Options{CustomDirs: custom})
	if err != nil {
		return err
	}
	m, err := report.Build(ctx, store, report.Options{
		Period: period, Accounts: f.accounts, Lang: f.lang, Notes: in.notes, Rules: engine.Rules(),
		Waivers: in.waivers, Version: tsaVersion(),
	})
	if errors.Is(err, report.ErrNoScan) {
		return &codeError{code: exitUsage, err: err}
	}
	if err != nil {
		return err
	}
	files, err := writeReport(m, f.out, in.formats)
	for _, file := range files {
		fmt.Fprintf(cmd.OutOrStdout(), "Wrote %s\n", file)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(cmd.OutOrStdout(), "Report %s: %s, score %s, %d open findings (sha256 %s)\n", m.ID, m.Period.Label,
		scoreOf(m), m.DetailsTotal, m.Hash[:16])
	return nil
}

func scoreOf(m *report.Monthly) string {
	if m.Summary.Band == result.NotAssessed {
		return "not assessed"
	}
	return fmt.Sprintf("%.1f (%s)", m.Summary.Score, m.Summary.Band)
}

// reportPeriod is --month or --year, else the month of the latest scan.
func reportPeriod(ctx context.Context, st *history.Store, in *reportInputs) (report.Period, error) {
	if in.period != nil {
		return *in.period, nil
	}
	times, err := st.ScanTimes(ctx)
	if err != nil {
		return report.Period{}, err
	}
	if len(times) == 0 {
		return report.Period{}, &codeError{code: exitUsage, err: fmt.Errorf("the history store %s holds no scans: tsa scan records them", st.Path())}
	}
	return report.MonthPeriod(times[len(times)-1].In(in.loc).Format("2006-01"), in.loc)
}

// writeReport writes each format, and the findings CSV beside a PDF or HTML report, each
// file atomically.
func writeReport(m *report.Monthly, dir string, formats []string) ([]string, error) {
	base := filepath.Join(dir, fmt.Sprintf("tsa-report-%s-%s", m.Period.Label, m.Lang))
	csvName := filepath.Base(base) + "-findings.csv"
	var written []string
	write := func(path string, render func(io.Writer) error) error {
		if err := report.WriteAtomic(path, render); err != nil {
			return err
		}
		written = append(written, path)
		return nil
	}
	needCSV := false
	for _, format := range formats {
		var err error
		switch format {
		case "pdf":
			needCSV = true
			err = write(base+".pdf", func(w io.Writer) error { return report.WritePDF(w, m, csvName) })
		case "html":
			needCSV = true
			err = write(base+".html", func(w io.Writer) error { return report.WriteHTML(w, m, csvName) })
		case "json":
			err = write(base+".json", func(w io.Writer) error { return report.WriteMonthlyJSON(w, m) })
		}
		if err != nil {
			return written, err
		}
	}
	if needCSV {
		if err := write(filepath.Join(dir, csvName), func(w io.Writer) error { return report.WriteFindingsCSV(w, m) }); err != nil {
			return written, err
		}
	}
	return written, nil
}

// demoHistory scans the demo scenario as it stood at the end of each of six months (and early
// in the last), recording every scan in a new store under --out/demo/. It writes the demo's
// TAM notes and waivers there too, so the report can be rendered again from them.
func demoHistory(ctx context.Context, f *reportFlags, in *reportInputs, progress io.Writer) (*history.Store, *reportInputs, error) {
	dir := filepath.Join(f.out, "demo")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	path := filepath.Join(dir, "tsa.db")
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
	}
	for _, name := range []string{"report-notes.yaml", "waivers.yaml"} {
		raw, err := fixtures.ScenarioFile("demo", name)
		if err != nil {
			return nil, nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, name), raw, 0o644); err != nil {
			return nil, nil, err
		}
	}
	var err error
	if in.notes == nil {
		if in.notes, err = report.LoadNotes(filepath.Join(dir, "report-notes.yaml")); err != nil {
			return nil, nil, err
		}
	}
	waiverFile := filepath.Join(dir, "waivers.yaml")
	if in.waivers, err = config.LoadWaivers(waiverFile); err != nil {
		return nil, nil, err
	}
	// Name the waiver file as it sits under --out, so the report does not depend on where
	// --out is.
	for i := range in.waivers {
		if rest, ok := strings.CutPrefix(in.waivers[i].Source, waiverFile); ok {
			in.waivers[i].Source = "demo/waivers.yaml" + rest
		}
	}
	base, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		return nil, nil, err
	}
	st, err := history.Open(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	// Scan every month's estate at once (each scan waits mostly on its own emulator's rate
	// limits), then record them in order: the history is the same as one scan a month.
	days := base.DemoMonths(demoMonths)
	scans := make([]demoResult, len(days))
	cfg, eval, err := demoEvaluation(ctx, base, waiverFile)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	g, gctx := errgroup.WithContext(ctx)
	for i, day := range days {
		g.Go(func() error {
			sc, err := base.AsOf(day)
			if err != nil {
				return err
			}
			if scans[i], err = demoScan(gctx, sc, cfg, eval); err != nil {
				return fmt.Errorf("demo scan of %s: %w", day.Format(time.DateOnly), err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		st.Close()
		return nil, nil, err
	}
	if err := recordDemo(ctx, st, cfg, eval, base, days, scans, progress); err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, in, nil
}

// recordDemo records the demo scans in order, syncs the ticket ledger after each (high
// findings, one ticket per rule and account), and records the Double 12 readiness audit on
// the last scan and a session used for the 618 promotion: every section of the report has data.
func recordDemo(ctx context.Context, st *history.Store, cfg *config.Config, eval scanner.Evaluation, base *fixtures.Scenario,
	days []time.Time, scans []demoResult, progress io.Writer) error {
	cfg.Tickets = config.Tickets{Enabled: true, Severities: []string{"high"}}
	syncer, err := tickets.Setup(cfg, eval.Engine.Rules(), tickets.SystemClock{})
	if err != nil {
		return err
	}
	syncer.Attach(st)
	for i, s := range scans {
		rec, err := st.Record(ctx, history.Input{Result: s.res, Inventory: s.inv, Now: days[i], Source: "demo:" + base.Name, Version: tsaVersion()})
		if err != nil {
			return err
		}
		if _, err := syncer.Sync(ctx, tickets.Run{ScanID: rec.ScanID, At: s.res.StartedAt, Findings: s.res.Findings,
			Assessment: history.NewAssessment(s.res)}); err != nil {
			return fmt.Errorf("demo tickets: %w", err)
		}
		fmt.Fprintf(progress, "tsa: demo: scan %d recorded: the demo estate as of %s\n", i+1, days[i].Format(time.DateOnly))
	}
	var uins []string
	plans := map[string]string{}
	for _, a := range cfg.Accounts {
		uins = append(uins, a.UIN)
		plans[a.UIN] = a.Plan
	}
	first := uins[0]
	june := time.Date(2026, 6, 18, 0, 0, 0, 0, time.UTC)
	if err := st.AddIEMSession(ctx, history.IEMSession{Account: first, Event: "618", Start: june, End: june.AddDate(0, 0, 2), RecordedAt: june.AddDate(0, 0, -14)}); err != nil {
		return err
	}
	last, now := scans[len(scans)-1], days[len(days)-1]
	ev, err := iem.ParseEvent("demo-event.yaml", iem.DemoEvent, uins, now)
	if err != nil {
		return err
	}
	catalog, err := tickets.Catalog(cfg)
	if err != nil {
		return err
	}
	a := iem.Run(iem.Input{Event: ev, Inventory: last.inv, Findings: last.res.Findings, Plans: plans, Catalog: catalog,
		SessionsUsed: map[string]int{first: 1}, Now: now})
	body, err := json.Marshal(a)
	if err != nil {
		return err
	}
	_, err = st.AddIEMAudit(ctx, history.IEMAudit{Event: a.Event, Start: a.Start, AuditedAt: last.res.FinishedAt, Verdict: a.Verdict,
		Body: []byte(report.MaskSecret(string(body)))})
	return err
}

// demoResult is one demo scan, to be recorded.
type demoResult struct {
	res *result.Scan
	inv *inventory.Inventory
}

// demoEvaluation compiles the rules once for every demo scan, with the demo's waivers.
func demoEvaluation(ctx context.Context, sc *fixtures.Scenario, waiverFile string) (*config.Config, scanner.Evaluation, error) {
	cfg, _, err := sc.ScanConfig("http://127.0.0.1:0")
	if err != nil {
		return nil, scanner.Evaluation{}, err
	}
	cfg.Waivers = []string{waiverFile}
	eval, err := scanner.EvaluationFrom(ctx, cfg)
	return cfg, eval, err
}

// demoScan scans one state of the demo over HTTP, stamped as started on the scenario's day so
// the demo history (and its report) is the same on every run.
func demoScan(ctx context.Context, sc *fixtures.Scenario, base *config.Config, eval scanner.Evaluation) (demoResult, error) {
	emu, err := fixtures.Listen(sc, "127.0.0.1:0")
	if err != nil {
		return demoResult{}, err
	}
	defer emu.Close()
	cfg, cred, err := sc.ScanConfig(emu.Endpoint)
	if err != nil {
		return demoResult{}, err
	}
	cfg.Waivers = base.Waivers
	res, inv, err := scanner.Run(ctx, scanner.Options{
		CollectOptions: scanner.CollectOptions{Config: cfg, Credential: cred},
		Evaluation:     eval,
		Now:            sc.Now,
	})
	if err != nil {
		return demoResult{}, err
	}
	res.StartedAt = sc.Now.Add(2 * time.Hour)
	res.FinishedAt = res.StartedAt.Add(3 * time.Minute)
	return demoResult{res: res, inv: inv}, nil
}
