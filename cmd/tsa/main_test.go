package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestDemoScanWritesFindings(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	code, out, stderr := runCLI(t, "scan", "--demo", "-q", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	for _, want := range []string{"Score ", "security", "Coverage", "Findings"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, "findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Findings []struct {
			RuleID   string         `json:"rule_id"`
			Status   string         `json:"status"`
			Evidence map[string]any `json:"evidence"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 || res.Findings[0].Status != "fail" || len(res.Findings[0].Evidence) == 0 {
		t.Fatalf("findings.json: %+v", res.Findings)
	}
}

func TestExitCodes(t *testing.T) {
	isolate(t)
	cfg := filepath.Join(t.TempDir(), "tsa.yaml")
	if err := os.WriteFile(cfg, []byte("accounts:\n  - uin: \"100012345678\"\n    plann: basic\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"region down is partial", []string{"scan", "--demo", "-q", "--fault", "region-down=ap-beijing"}, exitPartial, "UNREAD"},
		{"neither config nor demo", []string{"scan"}, exitUsage, "give --config FILE or --demo"},
		{"bad flag", []string{"scan", "--nope"}, exitUsage, "unknown flag"},
		{"bad config key", []string{"scan", "-c", cfg}, exitUsage, "tsa.yaml:3: unknown key \"plann\""},
		{"unknown command", []string{"scna"}, exitUsage, "unknown command"},
		{"bad fault", []string{"scan", "--demo", "--fault", "meteor"}, exitUsage, "unknown fault"},
		{"unknown rule", []string{"rules", "show", "TSA-NOPE-1"}, exitUsage, "no rule"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tt.code, out, stderr)
			}
			if !strings.Contains(out+stderr, tt.want) {
				t.Fatalf("output lacks %q:\n%s\n%s", tt.want, out, stderr)
			}
		})
	}
}

func TestHelpTeaches(t *testing.T) {
	for _, cmd := range [][]string{{"scan"}, {"emulator"}, {"rules", "list"}, {"rules", "test"}, {"version"}} {
		code, out, _ := runCLI(t, append(cmd, "--help")...)
		if code != exitOK || !strings.Contains(out, "Examples:") {
			t.Errorf("%v --help: exit %d, no examples:\n%s", cmd, code, out)
		}
	}
	_, out, _ := runCLI(t, "scan", "--help")
	for _, code := range []string{"0  ", "2  ", "3  ", "4  "} {
		if !strings.Contains(out, code) {
			t.Errorf("scan --help does not document exit code %q", code)
		}
	}
}
