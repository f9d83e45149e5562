package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/report"
	"github.com/tsa-scanner/tsa/rules"
	"github.com/tsa-scanner/tsa/scanner"
)

type scanFlags struct {
	configPath  string
	demo        bool
	scenario    string
	faults      []string
	out         string
	concurrency int
	top         int
	failOn      string
	quiet       bool
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

Exit codes:
  0  the scan completed and read everything
  1  the scan could not run (credentials refused, emulator or output failure)
  2  bad flags or configuration
  3  the scan completed but some data could not be read (see "UNREAD" lines)
  4  interrupted by Ctrl-C or SIGTERM; what was collected is evaluated and written
  5  --fail-on: a failing finding at or above that severity`,
		Example: `  tsa scan --demo
  tsa scan --demo --out out/ --fault region-down=ap-beijing
  tsa scan --config tsa.yaml --out /var/lib/tsa/$(date +%F) --fail-on high`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runScan(cmd, f) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.configPath, "config", "c", "", "configuration file (see docs/config.example.yaml)")
	fl.BoolVar(&f.demo, "demo", false, "scan the built-in emulator's demo scenario instead of a real cloud")
	fl.StringVar(&f.scenario, "scenario", "demo", "with --demo: the built-in scenario to scan ("+fmt.Sprint(fixtures.Embedded())+")")
	fl.StringArrayVar(&f.faults, "fault", nil, "with --demo: inject a fault (repeatable): region-down=REGION")
	fl.StringVarP(&f.out, "out", "o", "", "directory to write findings.json to")
	fl.IntVar(&f.concurrency, "concurrency", 0, "collection tasks run at once (default from config, else 8)")
	fl.IntVar(&f.top, "top", 10, "failing findings to list in the summary")
	fl.StringVar(&f.failOn, "fail-on", "", "exit 5 when a finding fails at or above this severity (high, medium, low)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress lines")
	return cmd
}

func runScan(cmd *cobra.Command, f *scanFlags) error {
	if f.demo == (f.configPath != "") {
		return usageError("give either --config FILE or --demo")
	}
	if f.failOn != "" && rank(f.failOn) < 0 {
		return usageError("--fail-on %q: want high, medium or low", f.failOn)
	}
	if !f.demo && (len(f.faults) > 0 || cmd.Flags().Changed("scenario")) {
		return usageError("--fault and --scenario apply to --demo only")
	}
	ctx := cmd.Context()
	stderr := cmd.ErrOrStderr()

	var (
		cfg  *config.Config
		cred common.CredentialIface
		now  time.Time
		err  error
	)
	if f.demo {
		sc, err := fixtures.LoadEmbedded(f.scenario)
		if err != nil {
			return usageError("%v", err)
		}
		if err := applyFaults(sc, f.faults); err != nil {
			return err
		}
		emu, err := fixtures.Listen(sc, "127.0.0.1:0")
		if err != nil {
			return fmt.Errorf("starting the emulator: %w", err)
		}
		defer emu.Close()
		if cfg, cred, err = scenarioConfig(sc, emu.Endpoint); err != nil {
			return err
		}
		now = sc.Now
		fmt.Fprintf(stderr, "tsa: demo: emulator serving scenario %q on %s\n", sc.Name, emu.Endpoint)
	} else {
		if cfg, err = config.Load(f.configPath); err != nil {
			return &codeError{code: exitUsage, err: err}
		}
	}
	if f.concurrency > 0 {
		cfg.Concurrency = f.concurrency
	}

	eval, err := scanner.EvaluationFrom(ctx, cfg)
	if err != nil {
		return &codeError{code: exitUsage, err: err}
	}
	var progress scanner.Progress
	if !f.quiet {
		progress = func(done, total int, msg string) { fmt.Fprintf(stderr, "[%d/%d] %s\n", done, total, msg) }
	}
	res, _, err := scanner.Run(ctx, scanner.Options{
		CollectOptions: scanner.CollectOptions{Config: cfg, Credential: cred, Progress: progress},
		Evaluation:     eval,
		Now:            now,
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
	return scanExit(res, f.failOn, stderr)
}

// scanExit maps a finished scan to its exit code.
func scanExit(res *scanner.Result, failOn string, w io.Writer) error {
	switch {
	case res.Interrupted:
		return &codeError{code: exitInterrupted, err: errors.New("interrupted: the results above cover what was collected before the signal")}
	case res.Partial:
		return &codeError{code: exitPartial, err: errors.New("the scan is partial: some data could not be read (UNREAD lines above); rules over it report unknown")}
	}
	if failOn != "" {
		for _, f := range res.Findings {
			if f.Status == rules.Fail && rank(f.Severity) >= rank(failOn) {
				return &codeError{code: exitFindings, err: fmt.Errorf("failing findings at or above %s severity", failOn)}
			}
		}
	}
	_ = w
	return nil
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

// scenarioConfig builds the scan configuration for a scenario: the first account that has keys
// provides the base credential, and every other account is entered through a role that account
// may assume, as a real multi-account setup is.
func scenarioConfig(sc *fixtures.Scenario, endpoint string) (*config.Config, common.CredentialIface, error) {
	cfg := &config.Config{Endpoint: endpoint, Concurrency: config.DefaultConcurrency, Timeout: config.Duration(config.DefaultTimeout)}
	var base *fixtures.Account
	for i := range sc.Accounts {
		if len(sc.Accounts[i].Keys) > 0 {
			base = &sc.Accounts[i]
			break
		}
	}
	if base == nil {
		return nil, nil, fmt.Errorf("scenario %s has no account with keys to start from", sc.Name)
	}
	for _, a := range sc.Accounts {
		acct := config.Account{UIN: a.UIN, Name: a.Name, Plan: "enterprise"}
		if a.UIN != base.UIN {
			for _, r := range a.Roles {
				for _, t := range r.Trusted {
					if t == base.UIN && acct.Role == nil {
						acct.Role = &config.Role{ARN: fmt.Sprintf("qcs::cam::uin/%s:roleName/%s", a.UIN, r.Name), ExternalID: r.ExternalID, SessionName: "tsa-demo"}
					}
				}
			}
			if acct.Role == nil {
				continue // unreachable from the base account: a real scan could not enter it either
			}
		}
		cfg.Accounts = append(cfg.Accounts, acct)
	}
	k := base.Keys[0]
	return cfg, common.NewCredential(k.SecretID, k.SecretKey), nil
}
