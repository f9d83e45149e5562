package config

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestExampleConfigParses(t *testing.T) {
	cfg, err := Load("../docs/config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Accounts) != 2 || cfg.Accounts[1].Role == nil || cfg.Accounts[1].Role.ExternalID != "tsa-demo-7f3a" {
		t.Fatalf("unexpected accounts: %+v", cfg.Accounts)
	}
	if o := cfg.Organization; o == nil || o.Discover || o.RoleName != "TSAReadOnly" || o.Plan != "business" {
		t.Fatalf("organization: %+v", o)
	}
	if time.Duration(cfg.Timeout) != 30*time.Second || cfg.Concurrency != 16 {
		t.Fatalf("timeout %v concurrency %d", cfg.Timeout, cfg.Concurrency)
	}
	if tk := cfg.Tickets; tk.Enabled || tk.Grades["TSA-CVM-201"] != "system_impaired" || tk.Webhook == nil || tk.Webhook.Secret.Env != "TSA_WEBHOOK_SECRET" ||
		tk.Drafts != filepath.Join("..", "docs", "tickets") {
		t.Fatalf("tickets: %+v", tk)
	}
}

func TestErrorsNameFileLineAndKey(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"unknown key", "accounts:\n  - uin: \"100012345678\"\n    rol: x\n", []string{"tsa.yaml:3", `unknown key "rol"`}},
		{"wrong type", "concurrency: many\naccounts:\n  - uin: \"100012345678\"\n", []string{"tsa.yaml:1", "concurrency", `"many" is a string, want a number`}},
		{"list for scalar", "accounts:\n  - uin: \"100012345678\"\n    name: [a, b]\n", []string{"tsa.yaml:3", "accounts.0.name"}},
		{"bad plan", "accounts:\n  - uin: \"100012345678\"\n    plan: gold\n", []string{"tsa.yaml:3", "accounts.0.plan", `"gold" is not a support plan`}},
		{"bad uin", "accounts:\n  - uin: abc\n", []string{"tsa.yaml:2", "accounts.0.uin"}},
		{"bad duration", "timeout: soon\naccounts:\n  - uin: \"100012345678\"\n", []string{"tsa.yaml:1", "timeout", `"soon" is not a duration`}},
		{"role of another account", "accounts:\n  - uin: \"100012345678\"\n    role:\n      arn: qcs::cam::uin/999999:roleName/x\n", []string{"tsa.yaml:4", "accounts.0.role.arn", "another account"}},
		{"no accounts", "regions: [ap-guangzhou]\n", []string{"tsa.yaml:1", "at least one account"}},
		{"bad region", "regions: [Guangzhou]\naccounts:\n  - uin: \"100012345678\"\n", []string{"tsa.yaml:1", "regions.0", "not a region name"}},
		{"syntax", "accounts: [\n", []string{"tsa.yaml"}},
		{"bad retention", "store:\n  keep: forever\naccounts:\n  - uin: \"100012345678\"\n", []string{"tsa.yaml:2", "store.keep", `"forever" is not a retention`}},
		{"store is a directory", "store:\n  path: " + os.TempDir() + "\naccounts:\n  - uin: \"100012345678\"\n", []string{"tsa.yaml:2", "store.path", "is a directory"}},
		{"discover without role", "accounts:\n  - uin: \"100012345678\"\norganization:\n  discover: true\n", []string{"tsa.yaml:3", "organization.role_name", "required"}},
		{"bad role name", "accounts:\n  - uin: \"100012345678\"\norganization:\n  discover: true\n  role_name: \"a b\"\n", []string{"tsa.yaml:5", "organization.role_name", "not a CAM role name"}},
		{"NaN deduction", "scoring:\n  deductions:\n    high: [.nan, 2, 1]\naccounts:\n  - uin: \"100012345678\"\n", []string{"tsa.yaml:3", "scoring.deductions.high", "NaN is not a deduction"}},
		{"negative deduction", "scoring:\n  deductions:\n    low: [1, -60, 1]\naccounts:\n  - uin: \"100012345678\"\n", []string{"tsa.yaml:3", "-60 is not a deduction"}},
		{"cap above 100", "scoring:\n  caps:\n    high: 300\naccounts:\n  - uin: \"100012345678\"\n", []string{"tsa.yaml:3", "scoring.caps.high", "300 is not a cap"}},
		{"ratio above 1", "scoring:\n  ratio_threshold: 5\naccounts:\n  - uin: \"100012345678\"\n", []string{"tsa.yaml:2", "scoring.ratio_threshold"}},
		{"retention that overflows", "store:\n  keep: 106752d\naccounts:\n  - uin: \"100012345678\"\n", []string{"tsa.yaml:2", "store.keep", "at most 36500d"}},
		{"bad member plan", "accounts:\n  - uin: \"100012345678\"\norganization:\n  plan: gold\n", []string{"tsa.yaml:4", "organization.plan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("tsa.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	cfg, err := Parse("tsa.yaml", []byte("accounts:\n  - uin: \"100012345678\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Concurrency != DefaultConcurrency || cfg.Accounts[0].Plan != "basic" || time.Duration(cfg.Timeout) != DefaultTimeout {
		t.Fatalf("defaults not applied: %+v", cfg)
	}
}

func TestMissingFileNamesIt(t *testing.T) {
	_, err := Load("/nonexistent/tsa.yaml")
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/tsa.yaml") || !os.IsNotExist(unwrapAll(err)) {
		t.Fatalf("got %v", err)
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return err
		}
		err = u.Unwrap()
	}
}

func TestExampleConfigSectionsParse(t *testing.T) {
	cfg, err := Load("../docs/config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Rules.Disable) == 0 || cfg.Rules.Params["TSA-CBS-101"]["max_age_days"] != 14 || len(cfg.Scoring.Deductions["high"]) != 3 {
		t.Fatalf("rules/scoring: %+v %+v", cfg.Rules, cfg.Scoring)
	}
	if got := cfg.ParamsFor("100087654321")["TSA-CVM-201"]["high_days"]; got != 14 {
		t.Fatalf("per-account params: %v", got)
	}
	if got := cfg.ParamsFor("100087654321")["TSA-CBS-101"]["max_age_days"]; got != 14 {
		t.Fatalf("global params not inherited: %v", got)
	}
	for _, w := range cfg.Waivers {
		ws, err := LoadWaivers(w)
		if err != nil {
			t.Fatal(err)
		}
		if len(ws) != 2 {
			t.Fatalf("waivers: %+v", ws)
		}
	}
}

func TestRetention(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"90d", 90 * 24 * time.Hour},
		{"12w", 12 * 7 * 24 * time.Hour},
		{"36h", 36 * time.Hour},
		{"0d", 0},
		{"-3d", 0},
		{"d", 0},
		{"1y", 0},
		{"36500d", 36500 * 24 * time.Hour},
		{"36501d", 0},
		{"106752d", 0}, // overflowed time.Duration into minutes once
		{"99999999999999999999d", 0},
		{"2000000h", 0},
	}
	for _, tt := range tests {
		got, err := ParseRetention(tt.in)
		if got != tt.want || (err != nil) != (tt.want == 0) {
			t.Errorf("ParseRetention(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestReadFileRefusesWhatIsNotASmallRegularFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "tsa.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(fifo); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a FIFO: %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, MaxFileSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "big.yaml") || !strings.Contains(err.Error(), "more than") {
		t.Errorf("a file over the limit: %v", err)
	}
	if _, err := LoadWaivers(big); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("a waiver file over the limit: %v", err)
	}
}

func TestStorePathIsRelativeToTheConfigFile(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/tsa.yaml"
	if err := os.WriteFile(path, []byte("store:\n  path: history/tsa.db\n  keep: 90d\naccounts:\n  - uin: \"100012345678\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Store.Path != dir+"/history/tsa.db" || time.Duration(cfg.Store.Keep) != 90*24*time.Hour {
		t.Fatalf("store: %+v", cfg.Store)
	}
}
