package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tsa-scanner/tsa/collectors"
	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/fixtures"
)

// targetFlags choose what a scan or a collection reads: a configuration, or the demo.
type targetFlags struct {
	configPath  string
	demo        bool
	scenario    string
	faults      []string
	concurrency int
	maxRetries  int
}

func (t *targetFlags) register(fl *pflag.FlagSet) {
	fl.StringVarP(&t.configPath, "config", "c", "", "configuration file (see docs/config.example.yaml)")
	fl.BoolVar(&t.demo, "demo", false, "read the built-in emulator's demo scenario instead of a real cloud")
	fl.StringVar(&t.scenario, "scenario", "demo", "with --demo: the built-in scenario to read ("+fmt.Sprint(fixtures.Embedded())+")")
	fl.StringArrayVar(&t.faults, "fault", nil, "with --demo: "+fixtures.FaultSyntax)
	fl.IntVar(&t.concurrency, "concurrency", 0, "collection tasks (account × region × product) run at once (default from config, else 16)")
	fl.IntVar(&t.maxRetries, "max-retries", 6, "retries of a throttled or transiently failing API call (0: none)")
}

// target is what to read: the configuration, the base credential (nil: the SDK's chain), the
// clock rules judge against (zero: the wall clock), and what it is, for the history store.
type target struct {
	cfg    *config.Config
	client collectors.Settings
	cred   common.CredentialIface
	now    time.Time
	source string
	close  func() error
}

// openTarget loads the configuration, or starts the emulator with the demo scenario.
func openTarget(cmd *cobra.Command, t *targetFlags) (*target, error) {
	if t.demo && t.configPath != "" {
		return nil, usageError("give either --config FILE or --demo, not both")
	}
	if !t.demo && t.configPath == "" {
		found, searched := config.Discover()
		if found == "" {
			return nil, usageError("no configuration: give --config FILE or --demo (looked for %s)", strings.Join(searched, ", "))
		}
		t.configPath = found
	}
	if cmd.Flags().Changed("concurrency") && (t.concurrency < 1 || t.concurrency > config.MaxConcurrency) {
		return nil, usageError("--concurrency %d is out of range (1–%d)", t.concurrency, config.MaxConcurrency)
	}
	if t.maxRetries < 0 {
		return nil, usageError("--max-retries %d: want 0 or more", t.maxRetries)
	}
	if !t.demo && (len(t.faults) > 0 || cmd.Flags().Changed("scenario")) {
		return nil, usageError("--fault and --scenario apply to --demo only")
	}
	tg := &target{close: func() error { return nil }, client: collectors.Settings{MaxRetries: retrySetting(t.maxRetries)}}
	if t.demo {
		sc, err := fixtures.LoadEmbedded(t.scenario)
		if err != nil {
			return nil, usageError("%v", err)
		}
		if err := applyFaults(sc, t.faults); err != nil {
			return nil, err
		}
		emu, err := fixtures.Listen(sc, "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("starting the emulator: %w", err)
		}
		if tg.cfg, tg.cred, err = sc.ScanConfig(emu.Endpoint); err != nil {
			emu.Close()
			return nil, err
		}
		tg.now, tg.source, tg.close = sc.Now, "demo:"+sc.Name, emu.Close
		slog.Info("demo: emulator serving the scenario", "scenario", sc.Name, "endpoint", emu.Endpoint, "credential", "the scenario's own keys")
	} else {
		cfg, err := config.Load(t.configPath)
		if err != nil {
			return nil, &codeError{code: exitUsage, err: err}
		}
		tg.cfg, tg.source = cfg, t.configPath
		if abs, err := filepath.Abs(t.configPath); err == nil {
			tg.source = abs
		}
		endpoint := cfg.Endpoint
		if e := os.Getenv("TSA_ENDPOINT"); e != "" {
			endpoint = e
		}
		if endpoint == "" {
			endpoint = "the products' public endpoints (*.tencentcloudapi.com)"
		}
		slog.Info("configuration", "file", tg.source, "endpoint", endpoint, "credential", credentialSource())
	}
	if t.concurrency > 0 {
		tg.cfg.Concurrency = t.concurrency
	}
	return tg, nil
}

// credentialSource says where the SDK's default chain will find the base credential, without
// reading the secret itself.
func credentialSource() string {
	if os.Getenv("TENCENTCLOUD_SECRET_ID") != "" {
		if os.Getenv("TENCENTCLOUD_SECURITY_TOKEN") != "" {
			return "environment (TENCENTCLOUD_SECRET_ID with a security token)"
		}
		return "environment (TENCENTCLOUD_SECRET_ID)"
	}
	return "the SDK's chain: ~/.tencentcloud/credentials, then the CVM instance role"
}
