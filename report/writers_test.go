package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the writers' output")

// sampleScan is a small scan with everything a writer renders, and values from the cloud that
// try to escape: a terminal escape sequence, CR/LF, a formula, Markdown and HTML, a SecretId.
func sampleScan() *result.Scan {
	at := time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)
	rule := func(id, pillar, sev string) result.Rule {
		return result.Rule{ID: id, Title: "Title of " + id, Description: "What " + id + " checks.", Pillar: pillar, Severity: sev,
			Remediation: "Fix " + id + ".", TAMRecommendation: "Review " + id + " with the owner."}
	}
	s := &result.Scan{
		StartedAt: at, FinishedAt: at.Add(42 * time.Second), Partial: true, Resources: 12,
		Accounts: []inventory.Account{
			{UIN: "100012345678", Name: "prod", Plan: "enterprise", Regions: []string{"ap-guangzhou", "ap-shanghai"}},
			{UIN: "100087654321", Name: "staging", Plan: "basic", Regions: []string{"ap-guangzhou"}},
		},
		Coverage: result.Coverage{Planned: 30, OK: 27, Failed: 3, Failures: []inventory.Call{
			{Account: "100012345678", Region: "ap-shanghai", Action: "cvm:DescribeInstances", Code: "InternalError"},
			{Account: "100012345678", Region: "ap-shanghai", Action: "cbs:DescribeDisks", Code: "InternalError"},
			{Account: "100087654321", Action: "cam:ListAccessKeys", Code: "UnauthorizedOperation", Message: "not allowed", Grant: "cam:ListAccessKeys"},
		}},
		Scores: result.Scores{Overall: 88.5, Band: "green", Partial: true, Pillars: []result.PillarScore{
			{Pillar: "security", Score: 79, Band: "orange", Fail: 2, Pass: 10, Unknown: 1},
			{Pillar: "reliability", Score: 98, Band: "green", Fail: 1, Pass: 8, Waived: 1},
		}},
		Rules: []result.RuleResult{
			{Rule: rule("TSA-CAM-001", "security", "high"), Fail: 1, Pass: 3},
			{Rule: rule("TSA-VPC-001", "security", "medium"), Fail: 1, Pass: 4, Unknown: 1},
			{Rule: rule("TSA-CVM-201", "reliability", "low"), Fail: 1, Pass: 2, Waived: 1},
		},
		Findings: []result.Finding{
			{ID: "a1", RuleID: "TSA-CAM-001", Title: "Title of TSA-CAM-001", Pillar: "security", Severity: "high", Status: result.Fail,
				Account: "100012345678", ResourceType: "cam.access_key", ResourceID: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA",
				Message: "access key AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA is 400 days old", Evidence: map[string]any{"AgeDays": 400}},
			{ID: "b2", RuleID: "TSA-VPC-001", Title: "Title of TSA-VPC-001", Pillar: "security", Severity: "medium", Status: result.Fail,
				Account: "100012345678", Region: "ap-guangzhou", ResourceType: "vpc.security_group", ResourceID: "sg-1",
				ResourceName: "web\x1b[2J\x1b[31mOWNED\r\nHIGH fake line", Tags: map[string]string{"env": "prod|<b>x</b>", "owner": "=HYPERLINK(\"http://x\")"},
				Message: "sg-1 opens 22 to 0.0.0.0/0"},
			{ID: "c3", RuleID: "TSA-VPC-001", Title: "Title of TSA-VPC-001", Pillar: "security", Severity: "medium", Status: result.Unknown,
				Account: "100012345678", Region: "ap-shanghai", ResourceID: "*", Message: "vpc:DescribeSecurityGroups failed: InternalError"},
			{ID: "d4", RuleID: "TSA-CVM-201", Title: "Title of TSA-CVM-201", Pillar: "reliability", Severity: "low", Status: result.Fail,
				Account: "100087654321", Region: "ap-guangzhou", ResourceType: "cvm.instance", ResourceID: "ins-1", ResourceName: "db \u202eevil",
				Message: "ins-1 has no backup"},
			{ID: "e5", RuleID: "TSA-CVM-201", Title: "Title of TSA-CVM-201", Pillar: "reliability", Severity: "low", Status: result.Waived,
				Account: "100087654321", Region: "ap-guangzhou", ResourceID: "ins-2", Message: "ins-2 has no backup",
				Waiver: &result.Suppression{Reason: "batch host", Owner: "ops", Expires: "2027-01-31", Source: "waivers.yaml:3"}},
		},
		Waivers: result.WaiverReport{Applied: 1, Expired: []config.Waiver{}},
	}
	AttachRuleTexts(s)
	return s
}

// TestWritersMatchGolden: every registered format renders the sample scan exactly as its golden
// file (go test ./report -run Golden -update rewrites them).
func TestWritersMatchGolden(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			w, err := Get(format)
			if err != nil {
				t.Fatal(err)
			}
			s, err := MaskKeys(sampleScan())
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := w.Write(&out, s); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", FileName(w))
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./report -run Golden -update)", err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("%s differs from %s (go test ./report -run Golden -update, then review the diff):\n%s", format, golden, out.String())
			}
			if strings.Contains(out.String(), "z8krbsJ5yKBZQpn74WFkmLPx3gnP") {
				t.Errorf("%s shows an unmasked SecretId", format)
			}
		})
	}
}

// TestTextWritersNeutraliseCloudValues: what came from the cloud cannot reach a terminal,
// spreadsheet or Markdown renderer as control sequences, formulas or markup.
func TestTextWritersNeutraliseCloudValues(t *testing.T) {
	t.Parallel()
	s := sampleScan()
	s.Findings[3].ResourceName = "=cmd|' /C calc'!A0"
	for format, raw := range map[string][]string{"csv": {",=cmd"}, "markdown": {"<b>", "|<b>"}} {
		w, _ := Get(format)
		var out bytes.Buffer
		if err := w.Write(&out, s); err != nil {
			t.Fatal(err)
		}
		for _, bad := range append(raw, "\x1b", "\r", "\u202e") {
			if strings.Contains(out.String(), bad) {
				t.Errorf("%s output carries %q raw", format, bad)
			}
		}
	}
	var summary bytes.Buffer
	Summary(&summary, s, SummaryOptions{Top: 10})
	for _, bad := range []string{"\x1b", "\r", "\u202e", "\nHIGH fake line"} {
		if strings.Contains(summary.String(), bad) {
			t.Errorf("the console summary carries %q raw:\n%s", bad, summary.String())
		}
	}
}

// TestCSVHasOneRowPerFindingWithRemediation: the CSV needs no join with the rules.
func TestCSVHasOneRowPerFindingWithRemediation(t *testing.T) {
	t.Parallel()
	s := sampleScan()
	var out bytes.Buffer
	if err := (csvWriter{}).Write(&out, s); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(s.Findings)+1 {
		t.Fatalf("%d rows for %d findings", len(rows), len(s.Findings))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, name := range []string{"remediation", "tam_recommendation", "resource_name", "tags"} {
		if _, ok := col[name]; !ok {
			t.Fatalf("no %s column in %v", name, rows[0])
		}
	}
	if got := rows[2][col["remediation"]]; got != "Fix TSA-VPC-001." {
		t.Errorf("remediation %q", got)
	}
	if got := rows[2][col["tags"]]; got != `env=prod|<b>x</b>; owner==HYPERLINK("http://x")` {
		t.Errorf("tags %q", got)
	}
}

func TestMaskKeysMasksEveryField(t *testing.T) {
	t.Parallel()
	s := sampleScan()
	s.Coverage.Failures[0].Message = "signature of AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA rejected"
	m, err := MaskKeys(s)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(m)
	if strings.Contains(string(raw), "z8krbsJ5") || !strings.Contains(string(raw), "AKID****hESA") {
		t.Fatalf("masked scan: %s", raw)
	}
	if s.Findings[0].ResourceID != "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA" {
		t.Fatal("MaskKeys changed its input")
	}
}

func TestClean(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"plain name":        "plain name",
		"中文名":               "中文名",
		"a\x1b[31mb":        `a\x1b[31mb`,
		"line\r\nforged":    `line\r\nforged`,
		"tab\there":         `tab\there`,
		"c1\u009bx":         `c1\u009bx`,
		"rtl\u202eexe.txt":  `rtl\u202eexe.txt`,
		"bad\xffutf8":       `bad\xffutf8`,
		"real \uFFFD stays": "real \uFFFD stays",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHeadlineNeverSaysExcellentOverAnOpenHigh: a green score with an open HIGH security or
// service-limit finding does not read "excellent governance".
func TestHeadlineNeverSaysExcellentOverAnOpenHigh(t *testing.T) {
	t.Parallel()
	s := sampleScan()
	if h := headline(s); strings.Contains(h, "excellent") || !strings.Contains(h, "1 HIGH") {
		t.Errorf("headline with an open HIGH: %q", h)
	}
	s.Findings[0].Status = result.Waived
	if h := headline(s); !strings.Contains(h, "excellent governance") {
		t.Errorf("headline with no open HIGH: %q", h)
	}
}

// TestUnreadIsGroupedByCause: 25 failures of one region and code make one line.
func TestUnreadIsGroupedByCause(t *testing.T) {
	t.Parallel()
	var calls []inventory.Call
	for i := 0; i < 25; i++ {
		calls = append(calls, inventory.Call{Account: "100012345678", Region: "ap-shanghai", Action: "cvm:Describe" + string(rune('A'+i)), Code: "InternalError"})
	}
	calls = append(calls, inventory.Call{Account: "100012345678", Action: "cam:ListUsers", Code: "UnauthorizedOperation", Grant: "cam:ListUsers"})
	g := GroupUnread(calls)
	if len(g) != 2 {
		t.Fatalf("%d groups", len(g))
	}
	if got := g[0].String(); !strings.HasPrefix(got, "100012345678 ap-shanghai: InternalError on 25 calls (cvm:DescribeA, cvm:DescribeB, cvm:DescribeC, … 22 more)") {
		t.Errorf("group line %q", got)
	}
	var out bytes.Buffer
	Summary(&out, &result.Scan{Coverage: result.Coverage{Planned: 26, Failed: 26, Failures: calls}}, SummaryOptions{})
	if n := strings.Count(out.String(), "UNREAD"); n != 2 {
		t.Errorf("%d UNREAD lines:\n%s", n, out.String())
	}
}

// TestConsoleSummaryMatchesGolden: the console summary of the sample scan, with the new HIGH
// findings and colour off, is its golden file (testdata/golden/summary.txt; -update rewrites).
func TestConsoleSummaryMatchesGolden(t *testing.T) {
	t.Parallel()
	s, err := MaskKeys(sampleScan())
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	Summary(&out, s, SummaryOptions{Top: 3, New: s.Findings[:1]})
	golden := filepath.Join("testdata", "golden", "summary.txt")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./report -run Golden -update)", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("the summary differs from %s:\n%s", golden, out.String())
	}
}
