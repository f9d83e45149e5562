package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tsa-scanner/tsa/report"
)

// TestReportFromADemoScan renders all three formats from a store holding one demo scan: the
// month is the scan's, the plan is Enterprise, the TAM's notes are merged.
func TestReportFromADemoScan(t *testing.T) {
	store := filepath.Join(filepath.Dir(isolate(t)), "demo.db") // where demo scans are recorded
	if _, errOut, code := tsa(t, "scan", "--demo", "-q"); code != exitOK {
		t.Fatalf("scan: exit %d\n%s", code, errOut)
	}
	out := t.TempDir()
	notes := filepath.Join(out, "tam.yaml")
	if err := os.WriteFile(notes, []byte("tam: Chen\nrecommendations:\n  - title: {en: Close the bastion, zh-CN: 关闭跳板机}\n    rules: [TSA-VPC-001]\n    priority: high\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, errOut, code := tsa(t, "report", "--store", store, "--lang", "en", "--notes", notes, "--format", "pdf,html,json", "--out", out)
	if code != exitOK {
		t.Fatalf("report: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"tsa-report-", "-en.pdf", "-en.html", "-en.json", "-en-findings.csv", "Report TSA-"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report output lacks %q:\n%s", want, stdout)
		}
	}
	files, _ := filepath.Glob(filepath.Join(out, "tsa-report-*-en.json"))
	if len(files) != 1 {
		t.Fatalf("json files %v", files)
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var m report.Monthly
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if m.Kind != "service" || m.TAM != "Chen" || len(m.Recommendations) == 0 || m.Recommendations[0].Title != "Close the bastion" {
		t.Errorf("report %s by %q, first recommendation %+v", m.Kind, m.TAM, m.Recommendations)
	}
	if m.DetailsTotal == 0 || len(m.Accounts) != 2 || m.Summary.Band == "" {
		t.Errorf("report of the demo has %d findings, %d accounts, band %q", m.DetailsTotal, len(m.Accounts), m.Summary.Band)
	}
}

// TestReportRefusesBadInputBeforeWork: every mistake in the flags or the notes is found before
// the store is read, with exit code 2.
func TestReportRefusesBadInputBeforeWork(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	badNotes := filepath.Join(dir, "tam.yaml")
	if err := os.WriteFile(badNotes, []byte("customer: x\nbudget: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	readOnly := filepath.Join(dir, "ro")
	if err := os.WriteFile(readOnly, nil, 0o644); err != nil { // a file where a directory should be
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "none.db")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad language", []string{"--lang", "fr"}, `--lang "fr"`},
		{"bad format", []string{"--format", "pdf,docx"}, `--format "docx"`},
		{"month and year", []string{"--month", "2026-11", "--year", "2026"}, "--month or --year"},
		{"bad month", []string{"--month", "2026-13"}, `month "2026-13"`},
		{"bad zone", []string{"--tz", "Mars/Olympus"}, `--tz "Mars/Olympus"`},
		{"unwritable out", []string{"--out", filepath.Join(readOnly, "sub")}, "--out"},
		{"notes unknown key", []string{"--notes", badNotes}, badNotes + ":2: field budget"},
		{"demo with store", []string{"--demo", "--store", missing}, "--demo builds its own store"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"report", "--store", missing, "--out", filepath.Join(dir, "out")}, tt.args...)
			_, errOut, code := tsa(t, args...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit 2 naming %q", code, errOut, tt.want)
			}
			if _, err := os.Stat(missing); err == nil {
				t.Fatal("the store was created: work started before the input was checked")
			}
		})
	}
}
