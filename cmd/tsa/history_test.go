package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner/history"
)

// tsa runs the CLI in-process and returns its output and exit code.
func tsa(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCommand()
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errOut)
	code = exitCode(root.ExecuteContext(context.Background()), &errOut)
	return out.String(), errOut.String(), code
}

// isolate points the default store and the user's configuration directory into a temporary
// directory, and returns the default store's path.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	return filepath.Join(dir, "tsa", "tsa.db")
}

// TestDemoScansRecordToTheDemoStoreAndDiff: demo scans go to their own store, never the
// default one, and history, diff and rm reach it with --demo.
func TestDemoScansRecordToTheDemoStoreAndDiff(t *testing.T) {
	real := isolate(t)
	store := filepath.Join(filepath.Dir(real), "demo.db")
	for i := 0; i < 2; i++ {
		out, errOut, code := tsa(t, "scan", "--demo", "-q")
		if code != exitOK {
			t.Fatalf("scan %d: exit %d\n%s", i+1, code, errOut)
		}
		if !strings.Contains(out, "recorded in "+store) {
			t.Fatalf("scan %d does not say where it was recorded:\n%s", i+1, out)
		}
	}
	if _, err := os.Stat(real); err == nil {
		t.Fatal("a demo scan wrote to the default store")
	}
	out, errOut, code := tsa(t, "diff", "--demo", "--format", "json")
	if code != exitOK {
		t.Fatalf("diff: exit %d\n%s", code, errOut)
	}
	var d history.Diff
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d.From.ID != 1 || d.To.ID != 2 || len(d.New)+len(d.Resolved)+len(d.Changed)+len(d.Unassessed) != 0 || d.Persisting == 0 {
		t.Fatalf("two identical demo scans differ: from %d to %d, %d new, %d resolved, %d persisting",
			d.From.ID, d.To.ID, len(d.New), len(d.Resolved), d.Persisting)
	}
	out, _, code = tsa(t, "history", "--demo")
	if code != exitOK || !strings.Contains(out, "100012345678,100087654321") || strings.Count(out, "demo:demo") != 2 {
		t.Fatalf("history:\n%s", out)
	}
	if _, errOut, code := tsa(t, "scan", "--demo", "-q", "--keep", "forever"); code != exitUsage || !strings.Contains(errOut, "--keep") {
		t.Fatalf("--keep forever: exit %d %s", code, errOut)
	}
	// --no-store leaves the store alone.
	if _, errOut, code := tsa(t, "scan", "--demo", "-q", "--no-store"); code != exitOK {
		t.Fatalf("--no-store: exit %d\n%s", code, errOut)
	}
	out, _, _ = tsa(t, "history", "--demo", "--format", "json")
	var scans []history.Scan
	if err := json.Unmarshal([]byte(out), &scans); err != nil || len(scans) != 2 {
		t.Fatalf("scans after --no-store: %d, %v", len(scans), err)
	}
	// history rm removes one scan; the other stays, with its findings.
	if out, errOut, code := tsa(t, "history", "rm", "--demo", "2"); code != exitOK || !strings.Contains(out, "removed scan 2") {
		t.Fatalf("history rm: exit %d\n%s%s", code, out, errOut)
	}
	if _, errOut, code := tsa(t, "history", "rm", "--demo", "2"); code != exitUsage || !strings.Contains(errOut, "no such scan") {
		t.Fatalf("history rm of a removed scan: exit %d %s", code, errOut)
	}
	out, _, _ = tsa(t, "history", "--demo", "--format", "json")
	scans = nil
	if err := json.Unmarshal([]byte(out), &scans); err != nil || len(scans) != 1 || scans[0].ID != 1 {
		t.Fatalf("scans after rm: %+v, %v", scans, err)
	}
	out, _, _ = tsa(t, "findings", "--demo", "--format", "json")
	var open []history.Issue
	if err := json.Unmarshal([]byte(out), &open); err != nil || len(open) == 0 {
		t.Fatalf("findings after rm: %d, %v", len(open), err)
	}
	for _, is := range open {
		if is.LastSeenScan != 1 {
			t.Fatalf("a finding still points at the removed scan: %+v", is)
		}
	}
}

func TestFindingsQueries(t *testing.T) {
	isolate(t)
	store := filepath.Join(t.TempDir(), "tsa.db")
	outDir := t.TempDir()
	for i := 0; i < 2; i++ {
		if _, errOut, code := tsa(t, "scan", "--demo", "-q", "--store", store, "--out", outDir); code != exitOK {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
	}
	failing := 0
	for _, f := range findingsOf(t, filepath.Join(outDir, "findings.json")) {
		if f.Status == result.Fail {
			failing++
		}
	}
	query := func(args ...string) []history.Issue {
		t.Helper()
		out, errOut, code := tsa(t, append([]string{"findings", "--store", store, "--format", "json"}, args...)...)
		var is []history.Issue
		if err := json.Unmarshal([]byte(out), &is); code != exitOK || err != nil {
			t.Fatalf("findings %v: exit %d, %v\n%s", args, code, err, errOut)
		}
		return is
	}
	open := query()
	if len(open) != failing || failing == 0 {
		t.Fatalf("%d open findings, the demo scan failed %d", len(open), failing)
	}
	for _, is := range query("--severity", "high", "--pillar", "security", "--account", "100087654321") {
		if is.Severity != "high" || is.Pillar != "security" || is.Account != "100087654321" || is.Event != history.Persisting || is.FirstSeenScan != 1 {
			t.Errorf("filtered: %+v", is)
		}
	}
	if n := len(query("--status", "new")); n != 0 {
		t.Errorf("%d new findings in the second identical scan", n)
	}
	if n := len(query("--rule", "TSA-CVM-201", "--status", "fail,resolved")); n != 6 {
		t.Errorf("TSA-CVM-201: %d findings, the demo has 6", n)
	}
	if n := len(query("--older-than", "30d")); n != 0 {
		t.Errorf("%d findings first seen over 30 days ago in a new store", n)
	}
	out, _, code := tsa(t, "findings", "--store", store, "--rule", "TSA-VPC-001")
	if code != exitOK || !strings.Contains(out, "open   persisting  HIGH      TSA-VPC-001") || !strings.Contains(out, "8 finding(s)") {
		t.Fatalf("table:\n%s", out)
	}
	if _, errOut, code := tsa(t, "findings", "--store", store, "--status", "fixed"); code != exitUsage || !strings.Contains(errOut, "want one of") {
		t.Fatalf("bad status: exit %d %s", code, errOut)
	}
}

func TestScanWaitsForTheStoreLockThenExitsSix(t *testing.T) {
	isolate(t)
	store := filepath.Join(t.TempDir(), "tsa.db")
	lock, err := history.AcquireLock(context.Background(), store, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, errOut, code := tsa(t, "scan", "--demo", "-q", "--store", store, "--lock-timeout", "200ms")
	if code != exitLocked || !strings.Contains(errOut, "locked by another scan") || !strings.Contains(errOut, "--lock-timeout") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(store); err == nil {
		t.Fatal("the locked-out scan touched the store")
	}
	// A scan that waits long enough runs once the first one is done.
	go func() {
		time.Sleep(300 * time.Millisecond)
		lock.Release()
	}()
	if _, errOut, code := tsa(t, "scan", "--demo", "-q", "--store", store, "--lock-timeout", "30s"); code != exitOK {
		t.Fatalf("waiting scan: exit %d\n%s", code, errOut)
	}
	help, _, _ := tsa(t, "scan", "--help")
	if !strings.Contains(help, "6  another scan held the history store") || !strings.Contains(help, "--lock-timeout") {
		t.Fatalf("scan --help does not document exit code 6:\n%s", help)
	}
}

func TestEvaluateReproducesScanAndCollectedInventory(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	if _, errOut, code := tsa(t, "scan", "--demo", "-q", "--out", dir); code != exitOK {
		t.Fatalf("scan: exit %d\n%s", code, errOut)
	}
	scanned := findingsOf(t, filepath.Join(dir, "findings.json"))
	out, errOut, code := tsa(t, "evaluate", "--scan", "1", "--demo")
	if want := fmt.Sprintf("Same %d findings as recorded scan 1.", len(scanned)); code != exitOK || !strings.Contains(out, want) {
		t.Fatalf("evaluate --scan: exit %d, want %q\n%s\n%s", code, want, out, errOut)
	}

	inv := filepath.Join(dir, "inventory.json.gz")
	if _, errOut, code := tsa(t, "collect", "--demo", "-q", "--out", inv); code != exitOK {
		t.Fatalf("collect: exit %d\n%s", code, errOut)
	}
	out, errOut, code = tsa(t, "evaluate", "--inventory", inv, "--format", "json")
	if code != exitOK {
		t.Fatalf("evaluate --inventory: exit %d\n%s", code, errOut)
	}
	var res struct{ Findings []result.Finding }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(res.Findings)
	b, _ := json.Marshal(scanned)
	if !bytes.Equal(a, b) || len(scanned) == 0 {
		t.Fatal("collect + evaluate does not give the scan's findings")
	}
	if _, errOut, code := tsa(t, "evaluate", "--scan", "1", "--inventory", inv); code != exitUsage {
		t.Fatalf("both sources: exit %d %s", code, errOut)
	}
}

func findingsOf(t *testing.T, path string) []result.Finding {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var res struct{ Findings []result.Finding }
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

func TestForeignStoreIsRefusedUntouched(t *testing.T) {
	isolate(t)
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte("not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := tsa(t, "scan", "--demo", "-q", "--store", path)
	if code != exitError || !strings.Contains(errOut, "not a SQLite database") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if raw, _ := os.ReadFile(path); string(raw) != "not a database\n" {
		t.Fatal("the file was changed")
	}
	if _, errOut, code := tsa(t, "history", "--store", filepath.Join(t.TempDir(), "absent.db")); code != exitError || !strings.Contains(errOut, "no history store") {
		t.Fatalf("absent store: exit %d %s", code, errOut)
	}
}

func TestEveryCommandHasHelpAndExamples(t *testing.T) {
	for _, name := range []string{"history", "history prune", "diff", "findings", "collect", "evaluate"} {
		cmd, _, err := newRootCommand().Find(strings.Fields(name))
		if err != nil || cmd.Name() != strings.Fields(name)[len(strings.Fields(name))-1] {
			t.Fatalf("%s: %v", name, err)
		}
		if cmd.Long == "" || !strings.Contains(cmd.Example, "tsa "+strings.Fields(name)[0]) {
			t.Errorf("%s lacks a description or an example", name)
		}
	}
}
