package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/cobra"
)

// TestHelpFitsEightyColumnsExamplesFirst: every command's --help fits 80 columns and shows its
// examples before the description.
func TestHelpFitsEightyColumnsExamplesFirst(t *testing.T) {
	var walk func(c *cobra.Command)
	var cmds []*cobra.Command
	walk = func(c *cobra.Command) {
		cmds = append(cmds, c)
		for _, s := range c.Commands() {
			if s.IsAvailableCommand() {
				walk(s)
			}
		}
	}
	walk(newRootCommand())
	for _, c := range cmds {
		path := strings.Fields(c.CommandPath())[1:]
		code, out, _ := runCLI(t, append(path, "--help")...)
		if code != exitOK {
			t.Fatalf("%s --help: exit %d", c.CommandPath(), code)
		}
		for i, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > helpWidth {
				t.Errorf("%s --help line %d is %d columns: %q", c.CommandPath(), i+1, n, line)
			}
		}
		words := strings.Fields(c.Long + " " + c.Short)
		ex, desc := strings.Index(out, "Examples:"), strings.Index(out, strings.Join(words[:3], " "))
		if c.Example != "" && (ex < 0 || ex > desc) {
			t.Errorf("%s --help does not show its examples first", c.CommandPath())
		}
	}
}

// TestUsageErrorsSuggest: a misspelt command or filter value is an error (exit 2) naming the
// valid values and the nearest one.
func TestUsageErrorsSuggest(t *testing.T) {
	store := isolate(t)
	if err := os.MkdirAll(filepath.Dir(store), 0o700); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"scna"}, `unknown command "scna" for "tsa" — did you mean scan`},
		{[]string{"histroy"}, "did you mean history"},
		{[]string{"history", "rn"}, `unknown command "rn" for "tsa history" — did you mean rm`},
		{[]string{"rules", "lst"}, `unknown command "lst" for "tsa rules" — did you mean list`},
		{[]string{"findings", "--pillar", "secuirty"}, "want one of security, reliability, service_limits, cost, performance (did you mean security?)"},
		{[]string{"findings", "--severity", "critcal"}, "want one of high, medium, low"},
		{[]string{"rules", "list", "--pillar", "relability"}, "did you mean reliability?"},
		{[]string{"scan", "--demo", "--format", "xml"}, `unknown output format "xml" (formats: csv, json, markdown, ocsf)`},
		{[]string{"scan", "--demo", "--format", "csv,json"}, "need --out DIR"},
		{[]string{"scan", "--demo", "--concurrency", "100000"}, "--concurrency 100000 is out of range (1–256)"},
		{[]string{"scan", "--demo", "--concurrency", "-5"}, "out of range"},
		{[]string{"scan", "--demo", "--fault", "latency=fast"}, "latency"},
		{[]string{"scan", "--demo", "--log-level", "loud"}, "want one of debug, info, warn, error"},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(t, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, want 2 and %q:\n%s", tt.args, code, tt.want, stderr)
		}
	}
	// Case does not matter.
	if code, _, stderr := runCLI(t, "findings", "--severity", "HIGH", "--pillar", "Security", "--store", store); code == exitUsage {
		t.Errorf("upper-case filters refused: %s", stderr)
	}
}

// TestOutputPathIsCheckedBeforeCollecting: an --out that cannot be written fails at once,
// before any API call, with exit 2.
func TestOutputPathIsCheckedBeforeCollecting(t *testing.T) {
	isolate(t)
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "scan", "--demo", "--out", file)
	if code != exitUsage || !strings.Contains(stderr, "is a file, not a directory") || strings.Contains(stderr, "collecting") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
}

// TestFlagsFromEnvironment: TSA_<FLAG> sets a flag the command line left alone; the command
// line wins; a bad value names the variable.
func TestFlagsFromEnvironment(t *testing.T) {
	isolate(t)
	t.Setenv("TSA_FAIL_ON", "urgent")
	code, _, stderr := runCLI(t, "scan", "--demo")
	if code != exitUsage || !strings.Contains(stderr, `--fail-on "urgent"`) {
		t.Fatalf("TSA_FAIL_ON=urgent: exit %d %s", code, stderr)
	}
	t.Setenv("TSA_CONCURRENCY", "many")
	code, _, stderr = runCLI(t, "scan", "--demo", "--fail-on", "high")
	if code != exitUsage || !strings.Contains(stderr, `TSA_CONCURRENCY="many"`) {
		t.Fatalf("TSA_CONCURRENCY=many: exit %d %s", code, stderr)
	}
}

// TestVersionFlag: tsa --version prints the version line.
func TestVersionFlag(t *testing.T) {
	code, out, _ := runCLI(t, "--version")
	if code != exitOK || !strings.HasPrefix(out, "tsa ") {
		t.Fatalf("--version: exit %d %q", code, out)
	}
}

// TestSetupPrintsTheTrustPolicy: tsa setup prints a trust policy for the trusted account with
// the ExternalId, and the commands and config entry that use it.
func TestSetupPrintsTheTrustPolicy(t *testing.T) {
	code, out, stderr := runCLI(t, "setup", "--trusted-uin", "100000000001", "--account", "100012345678", "--external-id", "tsa-Ext-42")
	if code != exitOK {
		t.Fatalf("exit %d %s", code, stderr)
	}
	for _, want := range []string{
		`"principal":{"qcs":["qcs::cam::uin/100000000001:root"]}`,
		`"condition":{"string_equal":{"sts:external_id":"tsa-Ext-42"}}`,
		`"action":"name/sts:AssumeRole"`,
		"tccli cam CreateRole --RoleName TSAReadOnly",
		"tccli cam AttachRolePolicy --AttachRoleName TSAReadOnly",
		`--PolicyDocument "$(tsa policy)"`,
		"arn: qcs::cam::uin/100012345678:roleName/TSAReadOnly",
		"external_id: tsa-Ext-42",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("setup lacks %s:\n%s", want, out)
		}
	}
	if code, _, _ := runCLI(t, "setup"); code != exitUsage {
		t.Errorf("setup without --trusted-uin: exit %d", code)
	}
	var a, b bytes.Buffer
	run([]string{"setup", "--trusted-uin", "100000000001"}, &a, &b)
	run([]string{"setup", "--trusted-uin", "100000000001"}, &b, &b)
	if a.String() == b.String() {
		t.Error("two setups without --external-id made the same ExternalId")
	}
}
