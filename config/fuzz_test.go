package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary YAML to the configuration parser: a configuration or an error that
// names the file, never a panic.
func FuzzParse(f *testing.F) {
	example, err := os.ReadFile(filepath.Join("..", "docs", "config.example.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	f.Add([]byte("accounts:\n  - uin: \"100012345678\"\n    plan: enterprise\n"))
	f.Add([]byte("store:\n  keep: 106752d\naccounts: [{uin: \"1\"}]\n"))
	f.Add([]byte("scoring:\n  deductions:\n    high: [.nan, -1, 1e308]\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		cfg, err := Parse("tsa.yaml", raw)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "tsa.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if cfg.Concurrency < 1 || cfg.Concurrency > 256 || len(cfg.Accounts) == 0 {
			t.Fatalf("an accepted configuration breaks its own checks: %+v", cfg)
		}
	})
}

// FuzzLoadWaivers feeds arbitrary YAML to the waiver loader: waivers with a rule, reason and
// owner each, or an error, never a panic.
func FuzzLoadWaivers(f *testing.F) {
	example, err := os.ReadFile(filepath.Join("..", "docs", "waivers.example.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	f.Add([]byte("waivers:\n  - rule: TSA-VPC-*\n    owner: me\n    reason: ok\n    expires: 0001-01-01T00:00:00Z\n"))
	f.Add([]byte("waivers: [{rule: \"[\", owner: a, reason: b}]\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		path := filepath.Join(t.TempDir(), "waivers.yaml")
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		ws, err := LoadWaivers(path)
		if err != nil {
			return
		}
		for _, w := range ws {
			if w.Rule == "" || strings.TrimSpace(w.Reason) == "" || strings.TrimSpace(w.Owner) == "" {
				t.Fatalf("an accepted waiver lacks rule, reason or owner: %+v", w)
			}
			if !w.Expires.IsZero() && w.Expires.Year() < 2000 {
				t.Fatalf("an accepted waiver never expires: %+v", w)
			}
		}
	})
}
