package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/report"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/rules"
	"github.com/tsa-scanner/tsa/scanner"
	"github.com/tsa-scanner/tsa/scanner/history"
)

func newEvaluateCommand() *cobra.Command {
	var (
		store    storeFlags
		scanID   int64
		invPath  string
		nowFlag  string
		format   string
		out      string
		top      int
		cfgPath  string
		maskKeys bool
	)
	cmd := &cobra.Command{
		Use:   "evaluate",
		Short: "Run the current rules over a saved inventory, offline",
		Long: `evaluate runs the rule library over an inventory read earlier, without touching the cloud:
either the snapshot a recorded scan kept (--scan ID, ids from tsa history) or a file written by
tsa collect (--inventory FILE). It prints the summary as scan does, or the result as JSON.

Rules judge ages and expiries against the clock the inventory was read with (the scan's, or
the file's "now"), so with unchanged rules --scan reproduces that scan's findings exactly; tsa
says whether it did. --now evaluates as of another time. Nothing is recorded in the store.

Exit codes: 0, 1, 2 as scan; 3 when the inventory is partial (rules over it report unknown).`,
		Example: `  tsa evaluate --scan 12
  tsa evaluate --inventory inventory.json.gz --format json
  tsa evaluate --scan 12 --now 2027-01-01T00:00:00Z`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if (scanID > 0) == (invPath != "") {
				return usageError("give either --scan ID or --inventory FILE")
			}
			ctx := cmd.Context()
			var (
				snap    *history.Snapshot
				scoring *result.ScoringConstants
				before  []result.Finding
				err     error
			)
			if scanID > 0 {
				store.configPath = cfgPath
				st, err := store.open(cmd)
				if err != nil {
					return err
				}
				defer st.Close()
				sc, err := st.Scan(ctx, scanID)
				if err != nil {
					return err
				}
				if snap, err = st.Snapshot(ctx, scanID); err != nil {
					return err
				}
				if before, err = st.Findings(ctx, scanID); err != nil {
					return err
				}
				scoring = &sc.Scores.Constants
			} else if snap, err = history.ReadSnapshot(invPath); err != nil {
				return err
			}
			now := snap.Now
			if nowFlag != "" {
				if now, err = parseNow(nowFlag); err != nil {
					return usageError("--now: %v", err)
				}
			}
			if now.IsZero() {
				now = time.Now().UTC()
				fmt.Fprintf(cmd.ErrOrStderr(), "tsa: the inventory has no clock; judging it as of now (%s)\n", now.Format(time.RFC3339))
			}
			eval, err := evaluationFor(ctx, cfgPath)
			if err != nil {
				return err
			}
			if scoring != nil {
				eval.Scoring = *scoring
			}
			res, err := eval.Run(ctx, &snap.Inventory, now)
			if err != nil {
				return err
			}
			res.StartedAt, res.FinishedAt = snap.CollectedAt, snap.CollectedAt
			// The recorded scan is compared as rules produce findings, before texts and masks.
			plain := slices.Clone(res.Findings)
			report.AttachRuleTexts(res)
			if maskKeys {
				if res, err = report.MaskKeys(res); err != nil {
					return err
				}
			}
			w := cmd.OutOrStdout()
			if format == "json" {
				if err := printJSON(w, res); err != nil {
					return err
				}
			} else {
				report.Summary(w, res, report.SummaryOptions{Top: top})
				if scanID > 0 {
					compareWithScan(w, scanID, before, plain)
				}
			}
			if out != "" {
				path := filepath.Join(out, "findings.json")
				if err := report.WriteJSON(path, res); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "tsa: wrote %s\n", path)
			}
			return scanExit(res, gates{}, outcome{})
		},
	}
	fl := cmd.Flags()
	store.register(fl, false)
	addFormatFlag(fl, &format)
	fl.BoolVar(&maskKeys, "mask-keys", true, "mask SecretIds (AKID…) in every output; --mask-keys=false shows them")
	fl.Int64Var(&scanID, "scan", 0, "evaluate the inventory snapshot of this recorded scan")
	fl.StringVar(&invPath, "inventory", "", "evaluate this inventory file (from tsa collect; .json or .json.gz)")
	fl.StringVar(&nowFlag, "now", "", "judge ages and expiries as of this time (RFC 3339 or YYYY-MM-DD) instead of the inventory's")
	fl.StringVarP(&out, "out", "o", "", "directory to write findings.json to")
	fl.IntVar(&top, "top", 10, "failing findings to list in the summary")
	fl.StringVarP(&cfgPath, "config", "c", "", "take custom rules, selection, parameters, waivers and scoring from this config")
	return cmd
}

// evaluationFor builds the evaluation of a config file, or the built-in defaults without one.
func evaluationFor(ctx context.Context, cfgPath string) (scanner.Evaluation, error) {
	if cfgPath == "" {
		engine, err := rules.New(ctx, rules.Options{})
		return scanner.Evaluation{Engine: engine}, err
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return scanner.Evaluation{}, &codeError{code: exitUsage, err: err}
	}
	eval, err := scanner.EvaluationFrom(ctx, cfg)
	if err != nil {
		return scanner.Evaluation{}, &codeError{code: exitUsage, err: err}
	}
	return eval, nil
}

func parseNow(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}

// compareWithScan says whether re-evaluation reproduced the recorded scan's findings.
func compareWithScan(w io.Writer, scanID int64, before, after []result.Finding) {
	a, _ := json.Marshal(before)
	b, _ := json.Marshal(after)
	if string(a) == string(b) {
		fmt.Fprintf(w, "\nSame %d findings as recorded scan %d.\n", len(after), scanID)
		return
	}
	key := func(f result.Finding) string { return f.ID + " " + string(f.Status) + " " + f.Severity }
	then := map[string]bool{}
	for _, f := range before {
		then[key(f)] = true
	}
	onlyNow := 0
	for _, f := range after {
		if then[key(f)] {
			delete(then, key(f))
		} else {
			onlyNow++
		}
	}
	fmt.Fprintf(w, "\nDiffers from recorded scan %d (rules changed?): %d finding(s) only now, %d only then; the rest differ at most in message or evidence.\n",
		scanID, onlyNow, len(then))
}
