package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/report"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner"
)

type scanFlags struct {
	targetFlags
	store    storeFlags
	out      string
	formats  []string
	top      int
	failOn   string
	failNew  string
	expired  bool
	regress  bool
	maskKeys bool
	quiet    bool
}

func newScanCommand() *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "scan",
		Short: "Collect configuration, evaluate the rules and score the result",
		Example: `  tsa scan --demo
  tsa scan --demo --out out/ --format json,csv,ocsf,markdown
  tsa scan --demo --format csv > findings.csv
  tsa scan --demo --fault region-down=ap-beijing --fault seed=7
  tsa scan -c tsa.yaml --out /var/lib/tsa/$(date +%F) --fail-on high
  tsa scan -c tsa.yaml --fail-on-new high --fail-on-expired   # CI gate
  tsa scan -c tsa.yaml --keep 90d --lock-timeout 5m -q        # cron`,
		Long: `scan reads every configured account through the Tencent Cloud API (read-only),
evaluates the rules over what it read, records the scan in the history store,
writes --out files and prints a summary. What could not be read is unknown,
never a pass. --demo scans a built-in emulator: no account needed; demo scans
go to their own store (see tsa history --demo), never your real history.

Without --config, tsa uses ./tsa.yaml, then tsa/tsa.yaml in your config dir.
Every flag can be set as TSA_<FLAG> (TSA_FAIL_ON=high). More: docs/cli.md.

` + exitCodesHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runScan(cmd, f) },
	}
	fl := cmd.Flags()
	f.targetFlags.register(fl)
	f.store.register(fl, true)
	fl.StringVarP(&f.out, "out", "o", "", "directory to write the --format files to (default format: json)")
	fl.StringSliceVarP(&f.formats, "format", "f", nil, "output formats, repeated or comma-separated: "+strings.Join(report.Formats(), ", ")+"\n(without --out: one format, to stdout; the summary goes to stderr)")
	fl.IntVar(&f.top, "top", 10, "failing findings to list in the summary")
	fl.StringVar(&f.failOn, "fail-on", "", "exit 5 if a finding fails at or above this severity (high, medium, low)")
	fl.StringVar(&f.failNew, "fail-on-new", "", "exit 5 if a finding new since the previous scan fails at or above this severity")
	fl.BoolVar(&f.expired, "fail-on-expired", false, "exit 5 if a waiver has expired")
	fl.BoolVar(&f.regress, "fail-on-regression", false, "exit 5 if the score is lower than the previous scan of the same config")
	fl.BoolVar(&f.maskKeys, "mask-keys", true, "mask SecretIds (AKID…) in every output; --mask-keys=false shows them")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress lines")
	return cmd
}

// parseGates checks the --fail-on* flags.
func (f *scanFlags) parseGates() (gates, error) {
	g := gates{expired: f.expired, regression: f.regress}
	for _, s := range []struct {
		flag, value string
		into        *string
	}{{"--fail-on", f.failOn, &g.severity}, {"--fail-on-new", f.failNew, &g.newSev}} {
		if s.value == "" {
			continue
		}
		v, err := oneOfFlag(s.flag, s.value, result.Severities)
		if err != nil {
			return g, err
		}
		*s.into = v
	}
	if g.needsHistory() && f.store.noStore {
		return g, usageError("--fail-on-new and --fail-on-regression compare with the history store: drop --no-store")
	}
	return g, nil
}

// runScan checks everything the user gave before collecting, then: collect and evaluate,
// record to the store, write the outputs, and only then print the summary, so a closed
// stdout (tsa scan | head) never loses a result.
func runScan(cmd *cobra.Command, f *scanFlags) error {
	g, err := f.parseGates()
	if err != nil {
		return err
	}
	outs, err := planOutputs(f.formats, f.out)
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	summaryTo := stdout
	if outs.stdout {
		summaryTo = stderr
	}
	tg, err := openTarget(cmd, &f.targetFlags)
	if err != nil {
		return err
	}
	defer tg.close()
	eval, err := scanner.EvaluationFrom(ctx, tg.cfg)
	if err != nil {
		return &codeError{code: exitUsage, err: err}
	}
	tickets, err := openScanTickets(tg.cfg, eval)
	if err != nil {
		return err
	}
	store, err := f.store.openForScan(cmd, tg.cfg, f.demo)
	if err != nil {
		return err
	}
	defer store.close()
	o, err := store.before(ctx, tg.source)
	if err != nil {
		return err
	}
	prog := newProgress(stderr, f.quiet)
	res, inv, err := scanner.Run(ctx, scanner.Options{
		CollectOptions: scanner.CollectOptions{Config: tg.cfg, Credential: tg.cred, Client: tg.client, Progress: prog.update},
		Evaluation:     eval,
		Now:            tg.now,
	})
	prog.done()
	if err != nil {
		if errors.Is(err, scanner.ErrCredential) {
			return fmt.Errorf("%w\ncheck the SecretId and SecretKey (or the profile/role tsa took them from)", err)
		}
		return err
	}
	report.AttachRuleTexts(res)

	// Keep the result first: the store, then the files.
	rec, recErr := store.record(ctx, res, inv, tg)
	if recErr == nil && rec != nil {
		if o.New, err = store.newFindings(ctx, res); err != nil {
			recErr = err
		}
	}
	shown := res
	if f.maskKeys {
		if shown, err = report.MaskKeys(res); err != nil {
			return err
		}
	}
	paths, outErr := outs.write(stdout, shown)

	var newHigh []result.Finding
	if o.New != nil {
		newHigh = []result.Finding{}
		for _, nf := range o.New {
			if nf.Severity == "high" {
				newHigh = append(newHigh, nf)
			}
		}
		if f.maskKeys {
			for i := range newHigh {
				maskFinding(&newHigh[i])
			}
		}
	}
	// The summary is best effort: with stdout closed its writes fail, the result is kept.
	report.Summary(summaryTo, shown, report.SummaryOptions{Top: f.top, New: newHigh, Color: colorOn(summaryTo)})
	for _, p := range paths {
		fmt.Fprintf(summaryTo, "Wrote     %s\n", p)
	}
	if rec != nil {
		store.printRecorded(summaryTo, rec)
	}
	tickets.sync(cmd, store, res)
	switch {
	case recErr != nil && outErr != nil:
		return fmt.Errorf("recording the scan: %v; writing the outputs: %v", recErr, outErr)
	case recErr != nil:
		return fmt.Errorf("recording the scan in the history store: %w", recErr)
	case outErr != nil:
		return fmt.Errorf("writing the outputs: %w (the scan is recorded in the history store)", outErr)
	}
	return scanExit(res, g, o)
}

// maskFinding masks SecretIds in the text fields of one finding.
func maskFinding(f *result.Finding) {
	for _, s := range []*string{&f.ResourceID, &f.ResourceName, &f.Message} {
		*s = report.MaskSecret(*s)
	}
}

// oneOfFlag matches a flag value against its valid values, case-insensitively, and otherwise
// names them and the nearest one.
func oneOfFlag(flag, value string, valid []string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(value))
	for _, ok := range valid {
		if v == ok {
			return ok, nil
		}
	}
	msg := fmt.Sprintf("%s %q: want one of %s", flag, value, strings.Join(valid, ", "))
	if near := nearest(v, valid); near != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", near)
	}
	return "", usageError("%s", msg)
}

// retrySetting maps --max-retries to collectors.Settings, where zero means the default and a
// negative number means none.
func retrySetting(n int) int {
	if n == 0 {
		return -1
	}
	return n
}
