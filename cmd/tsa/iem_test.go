package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tsa iem check --demo audits the demo promotion end to end: not ready (exit 7), an action
// tracker, iem.json written with access key ids masked, the audit recorded; a recorded session
// is counted by the next check; a bad event file is a usage error naming its line.
func TestIEMCommands(t *testing.T) {
	store := filepath.Join(t.TempDir(), "tsa.db")
	out := t.TempDir()
	stdout, stderr, code := tsa(t, "iem", "check", "--demo", "--store", store, "--out", out, "--record")
	if code != 7 || !strings.Contains(stdout, "NOT READY") || !strings.Contains(stdout, "cert-3nq7wz1p") {
		t.Fatalf("iem check --demo: exit %d\n%s\n%s", code, stdout, stderr)
	}
	raw, err := os.ReadFile(filepath.Join(out, "iem.json"))
	if err != nil {
		t.Fatal(err)
	}
	var audit struct {
		Verdict string `json:"verdict"`
		Checks  []struct{ ID, Status string }
	}
	if err := json.Unmarshal(raw, &audit); err != nil || audit.Verdict != "not_ready" || len(audit.Checks) == 0 {
		t.Fatalf("iem.json: %v %+v", err, audit.Verdict)
	}
	if strings.Contains(string(raw), "AKIDshopRoot7Qm2Xk9Lw4Nc8Vb1Zt6Pj3") {
		t.Error("iem.json shows an access key id in full")
	}

	event := filepath.Join(t.TempDir(), "event.yaml")
	body := "name: Double 12 promotion\nwindow: {start: 2026-12-12T00:00, end: 2026-12-12T23:59}\nmultiplier: {overall: 3}\n"
	if err := os.WriteFile(event, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	for range 2 { // recording twice counts once
		if stdout, stderr, code := tsa(t, "iem", "sessions", "--store", store, "--add", "--event", event, "--account", "100012345678"); code != 0 || !strings.Contains(stdout, "1 of 3 sessions used in 2026") {
			t.Fatalf("sessions --add: exit %d\n%s\n%s", code, stdout, stderr)
		}
	}

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("name: x\nwindow:\n  start: 2026-12-12\n  end: 2026-12-11\nmultiplier: {overall: 2}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := tsa(t, "iem", "check", "--demo", "--event", bad, "--store", store); code != exitUsage || !strings.Contains(stderr, "bad.yaml:4") {
		t.Fatalf("a bad event file: exit %d\n%s", code, stderr)
	}

	// diff of an audit with itself: nothing changed.
	path := filepath.Join(out, "iem.json")
	if stdout, stderr, code := tsa(t, "iem", "diff", path, path); code != 0 || !strings.Contains(stdout, "no check changed") {
		t.Fatalf("iem diff: exit %d\n%s\n%s", code, stdout, stderr)
	}
}
