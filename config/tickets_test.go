package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSupportPlansOverrideDecidesTheTiers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plans := "version: 1\nseverities: [{key: general, name: Usage Consultation}]\nplans:\n  - tier: gold\n    response: {general: 2h}\n"
	if err := os.WriteFile(filepath.Join(dir, "plans.yaml"), []byte(plans), 0o644); err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(dir, "tsa.yaml")
	write := func(body string) {
		if err := os.WriteFile(cfgPath, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("support_plans: plans.yaml\naccounts: [{uin: \"100012345678\", plan: gold}]\n")
	cfg, err := Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.SupportPlans != filepath.Join(dir, "plans.yaml") {
		t.Fatalf("support_plans resolved to %s", cfg.SupportPlans)
	}
	write("support_plans: plans.yaml\naccounts: [{uin: \"100012345678\", plan: enterprise}]\n")
	if _, err := Load(cfgPath); err == nil || !strings.Contains(err.Error(), `accounts.0.plan: "enterprise" is not a support plan (one of gold)`) {
		t.Fatalf("a tier the override does not have: %v", err)
	}
	write("support_plans: missing.yaml\naccounts: [{uin: \"100012345678\"}]\n")
	if _, err := Load(cfgPath); err == nil || !strings.Contains(err.Error(), "tsa.yaml:1: support_plans") {
		t.Fatalf("a missing plans file: %v", err)
	}
}

func TestSecretRead(t *testing.T) {
	dir := t.TempDir()
	file := func(name, body string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Setenv("TSA_TEST_SECRET", " from-env \n")
	tests := []struct {
		name   string
		secret Secret
		want   string
		err    string
	}{
		{"env", Secret{Env: "TSA_TEST_SECRET"}, "from-env", ""},
		{"unset env", Secret{Env: "TSA_TEST_SECRET_UNSET"}, "", "TSA_TEST_SECRET_UNSET is not set"},
		{"private file", Secret{File: file("ok", "from-file\n", 0o600)}, "from-file", ""},
		{"world-readable file", Secret{File: file("open", "leaked", 0o644)}, "", "world-readable or writable (mode 0644): chmod 600"},
		{"empty file", Secret{File: file("empty", "\n", 0o600)}, "", "is empty"},
		{"both", Secret{Env: "TSA_TEST_SECRET", File: "x"}, "", "not both"},
		{"neither", Secret{}, "", "give env"},
	}
	for _, tt := range tests {
		got, err := tt.secret.Read()
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: got %q, %v; want %q, %q", tt.name, got, err, tt.want, tt.err)
		}
		if err != nil && strings.Contains(err.Error(), "leaked") {
			t.Errorf("%s: the error repeats the secret", tt.name)
		}
	}
}
