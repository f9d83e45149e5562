package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/report"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner"
)

type scanFlags struct {
	targetFlags
	store  storeFlags
	out    string
	top    int
	failOn string
	quiet  bool
}

func newScanCommand() *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "scan",
		Short: "Collect configuration, evaluate the rules and score the result",
		Long: `scan reads every configured account through the Tencent Cloud API (read-only), evaluates
the rule library over what it read, prints a summary and, with --out, writes findings.json.

What could not be read (a region down, a permission missing) is reported as unknown, never
as a pass. With --demo, tsa starts its emulator in-process with the demo scenario (two
accounts, one entered through an STS role) and scans it over HTTP: no account needed.

Every scan, the demo's too, is recorded in the history store (see tsa history, tsa diff,
tsa findings) unless --no-store is given. Scans sharing a store take turns: a scan that finds
another one running waits up to --lock-timeout, then exits with code 6.

Exit codes:
  0  the scan completed and read everything
  1  the scan could not run (credentials refused, no account could be entered, output failure)
  2  bad flags or configuration
  3  the scan completed but some data could not be read (see "UNREAD" lines)
  4  interrupted by Ctrl-C or SIGTERM; what was collected is evaluated and written
  5  --fail-on: a failing finding at or above that severity
  6  another scan held the history store for longer than --lock-timeout

How it treats the API: calls run on one pool of --concurrency tasks (each an account × region
× product). Every account × region × action has its own token bucket at 80% of the action's
published rate limit, so tsa is not the one that gets throttled. A call that is throttled
anyway (RequestLimitExceeded*: other tools share the quota) or fails transiently
(InternalError, HTTP 5xx, network error, timeout, truncated body) is retried up to
--max-retries times with exponential backoff and full jitter. Once a
call in an account × region has used up its retries on such a failure, the region is treated
as unreachable for the rest of the scan: its other calls get one attempt each, so a dead region
cannot hold the pool. The summary's "Calls" line counts calls, retries, throttles and errors.`,
		Example: `  tsa scan --demo
  tsa scan --demo --out out/ --fault region-down=ap-beijing
  tsa scan --demo --fault throttle=2 --fault latency=30ms±10ms --fault error-rate=0.1 --fault seed=7
  tsa scan --config tsa.yaml --out /var/lib/tsa/$(date +%F) --fail-on high
  tsa scan --config tsa.yaml --keep 90d --lock-timeout 5m   # nightly from cron`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runScan(cmd, f) },
	}
	fl := cmd.Flags()
	f.targetFlags.register(fl)
	f.store.register(fl, true)
	fl.StringVarP(&f.out, "out", "o", "", "directory to write findings.json to")
	fl.IntVar(&f.top, "top", 10, "failing findings to list in the summary")
	fl.StringVar(&f.failOn, "fail-on", "", "exit 5 when a finding fails at or above this severity (high, medium, low)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress lines")
	return cmd
}

func runScan(cmd *cobra.Command, f *scanFlags) error {
	if f.failOn != "" && rank(f.failOn) < 0 {
		return usageError("--fail-on %q: want high, medium or low", f.failOn)
	}
	ctx := cmd.Context()
	stderr := cmd.ErrOrStderr()
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
	store, err := f.store.openForScan(cmd, tg.cfg)
	if err != nil {
		return err
	}
	defer store.close()
	res, inv, err := scanner.Run(ctx, scanner.Options{
		CollectOptions: scanner.CollectOptions{Config: tg.cfg, Credential: tg.cred, Client: tg.client, Progress: progressTo(stderr, f.quiet)},
		Evaluation:     eval,
		Now:            tg.now,
	})
	if err != nil {
		if errors.Is(err, scanner.ErrCredential) {
			return fmt.Errorf("%w\ncheck the SecretId and SecretKey (or the profile/role tsa took them from)", err)
		}
		return err
	}
	report.Summary(cmd.OutOrStdout(), res, f.top)
	if f.out != "" {
		path := filepath.Join(f.out, "findings.json")
		if err := report.WriteJSON(path, res); err != nil {
			return err
		}
		fmt.Fprintf(cmd.OutOrStdout(), "\nWrote %s\n", path)
	}
	if err := store.record(cmd, res, inv, tg); err != nil {
		return err
	}
	tickets.sync(cmd, store, res)
	return scanExit(res, f.failOn, stderr)
}

// scanExit maps a finished scan to its exit code.
func scanExit(res *result.Scan, failOn string, w io.Writer) error {
	entered := 0
	for _, a := range res.Accounts {
		if a.Error == "" {
			entered++
		}
	}
	switch {
	case entered == 0 && len(res.Accounts) > 0 && !res.Interrupted:
		return &codeError{code: exitError, err: errors.New("no account could be entered (reasons above): nothing was scanned")}
	case res.Interrupted:
		return &codeError{code: exitInterrupted, err: errors.New("interrupted: the results above cover what was collected before the signal")}
	case res.Partial:
		return &codeError{code: exitPartial, err: errors.New("the scan is partial: some data could not be read (UNREAD lines above); rules over it report unknown")}
	}
	if failOn != "" {
		for _, f := range res.Findings {
			if f.Status == result.Fail && rank(f.Severity) >= rank(failOn) {
				return &codeError{code: exitFindings, err: fmt.Errorf("failing findings at or above %s severity", failOn)}
			}
		}
	}
	_ = w
	return nil
}

// retrySetting maps --max-retries to collectors.Settings, where zero means the default and a
// negative number means none.
func retrySetting(n int) int {
	if n == 0 {
		return -1
	}
	return n
}

func rank(sev string) int {
	switch sev {
	case "low":
		return 0
	case "medium":
		return 1
	case "high":
		return 2
	}
	return -1
}
