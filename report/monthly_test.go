package report

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/iem"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner/history"
	"github.com/tsa-scanner/tsa/support"
)

// verbs matches a format verb, with an explicit argument index or not.
var verbs = regexp.MustCompile(`%(\[\d\])?[-+ #0]*[\d.]*[a-zA-Z%]`)

func TestCatalogueIsComplete(t *testing.T) {
	t.Parallel()
	for _, key := range messageKeys() {
		m := messages[key]
		if strings.TrimSpace(m[0]) == "" && m[0] == "" {
			t.Errorf("%s: no English text", key)
		}
		if m[1] == "" && strings.TrimSpace(m[0]) != "" {
			t.Errorf("%s: no Chinese text", key)
		}
		count := func(s string) int {
			n := 0
			for _, v := range verbs.FindAllString(s, -1) {
				if v != "%%" {
					n++
				}
			}
			return n
		}
		if count(m[0]) != count(m[1]) {
			t.Errorf("%s: English takes %d arguments, Chinese %d", key, count(m[0]), count(m[1]))
		}
	}
}

// TestEveryKeyUsedExists: every message key the renderers name is in the catalogue.
func TestEveryKeyUsedExists(t *testing.T) {
	t.Parallel()
	used := regexp.MustCompile(`(?:c\.T|d\.c\.T|\{\{t)\s*\(?\s*"([a-z_.0-9]+)"`)
	for _, file := range []string{"pdf.go", "pdf_sections.go", "html.go", "sections.go", "files.go"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			if strings.HasSuffix(m[1], ".") {
				continue // a prefix: TestEnumerationsAreTranslated
			}
			if !Catalog("en").Has(m[1]) {
				t.Errorf("%s uses message %q, which the catalogue lacks", file, m[1])
			}
		}
	}
}

// TestEnumerationsAreTranslated: every value shown through a prefixed key has its message.
func TestEnumerationsAreTranslated(t *testing.T) {
	t.Parallel()
	c := Catalog("en")
	var keys []string
	add := func(prefix string, values ...string) {
		for _, v := range values {
			keys = append(keys, prefix+v)
		}
	}
	add("pillar.", result.Pillars...)
	add("sev.", result.Severities...)
	add("band.", "green", "orange", "red", result.NotAssessed)
	add("plan.", support.Tiers()...)
	add("status.", statuses...)
	add("limit.", "ok", "amber", "red", "unknown")
	add("ch.", "added", "removed")
	add("wv.", "active", "soon", "expired")
	add("tkstate.", "open", "resolved", "waived", "closed")
	add("iem.", iem.Ready, iem.ReadyWithRisk, iem.NotReady, iem.Partial)
	for _, sev := range support.Builtin().Severities {
		add("grade.", sev.Key)
	}
	for _, p := range support.Builtin().Plans {
		add("ent.", p.Entitlements...)
	}
	for _, k := range keys {
		if !c.Has(k) {
			t.Errorf("no message %q", k)
		}
	}
}

// squash removes white space, so that text wrapped over several lines still matches.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// sectionTexts are texts each language's report must contain: every section's title and
// what only the data can put there.
func sectionTexts(lang string) []string {
	c := Catalog(lang)
	var out []string
	for _, key := range []string{"sec.summary", "sec.overview", "sec.trend", "sec.risks", "sec.recommendations", "sec.remediation",
		"sec.limits", "sec.expiring", "sec.cost", "sec.tickets", "sec.events", "sec.projects", "sec.details", "sec.waivers",
		"sec.methodology", "tk.none.period", "ev.none", "co.billing", "kpi.open_high", "tr.score", "me.service"} {
		out = append(out, c.T(key))
	}
	return append(out, "TSA-VPC-001", "TOTAL_EIP_QUOTA", "ins-prepaid01", "res-000")
}

func TestMonthlyPDF(t *testing.T) {
	t.Parallel()
	st := newHistory(t, historySpec{months: 6, findings: 60, plan: "enterprise"})
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			m := build(t, st, lang, nil)
			var buf bytes.Buffer
			if err := WritePDF(&buf, m, "findings.csv"); err != nil {
				t.Fatal(err)
			}
			pages := pdfText(t, buf.Bytes())
			all := strings.Join(pages, "\n")
			for _, want := range sectionTexts(lang) {
				if !strings.Contains(squash(all), squash(want)) {
					t.Errorf("the %s report lacks %q", lang, want)
				}
			}
			// Rule titles are in the report's language.
			if title := testRules[0].Text(lang).Title; !strings.Contains(all, title) {
				t.Errorf("the %s report lacks the rule title %q", lang, title)
			}
			// Every page after the cover has its "x / y" footer, with y the page count.
			footer := Catalog(lang).T("footer.page", 2)
			footer = strings.Replace(footer, "{nb}", strconv.Itoa(len(pages)), 1)
			if !strings.Contains(pages[1], footer) {
				t.Errorf("page 2 lacks the footer %q", footer)
			}
			// The emoji and the ideograph above U+FFFF are replaced, not drawn.
			if strings.Contains(all, "🚀") || strings.Contains(all, "𠀀") || !strings.Contains(all, "emoji ? and ?") {
				t.Error("characters outside the font were not replaced")
			}
		})
	}
}

// TestPDFEmbedsASubsetFont: one CID TrueType font, embedded, far smaller than the font file.
func TestPDFEmbedsASubsetFont(t *testing.T) {
	t.Parallel()
	st := newHistory(t, historySpec{months: 2, findings: 20, plan: "enterprise"})
	var buf bytes.Buffer
	if err := WritePDF(&buf, build(t, st, "zh-CN", nil), "f.csv"); err != nil {
		t.Fatal(err)
	}
	sizes := embeddedFonts(t, buf.Bytes())
	if len(sizes) != 1 {
		t.Fatalf("want 1 embedded font, got %d", len(sizes))
	}
	t.Logf("embedded font: %d bytes of %d", sizes[0], len(fontTTF))
	if sizes[0] == 0 || sizes[0] > len(fontTTF)/10 {
		t.Errorf("embedded font is %d bytes of the %d-byte font file: not a subset", sizes[0], len(fontTTF))
	}
	if buf.Len() > 1<<20 {
		t.Errorf("a small Chinese report is %d bytes, want < 1 MB", buf.Len())
	}
}

// TestDeterministic: the same store and notes give the same bytes, in every format.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	st := newHistory(t, historySpec{months: 3, findings: 40, plan: "enterprise"})
	render := func() [][]byte {
		m := build(t, st, "zh-CN", nil)
		var pdf, html, js, csv bytes.Buffer
		for _, err := range []error{WritePDF(&pdf, m, "f.csv"), WriteHTML(&html, m, "f.csv"), WriteMonthlyJSON(&js, m), WriteFindingsCSV(&csv, m)} {
			if err != nil {
				t.Fatal(err)
			}
		}
		return [][]byte{pdf.Bytes(), html.Bytes(), js.Bytes(), csv.Bytes()}
	}
	a, b := render(), render()
	for i, name := range []string{"pdf", "html", "json", "csv"} {
		if !bytes.Equal(a[i], b[i]) {
			t.Errorf("two renderings of the same store give different %s", name)
		}
	}
}

func TestHTMLIsOneSelfContainedFile(t *testing.T) {
	t.Parallel()
	st := newHistory(t, historySpec{months: 3, findings: 30, plan: "enterprise"})
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteHTML(&buf, build(t, st, lang, nil), "f.csv"); err != nil {
				t.Fatal(err)
			}
			html := buf.String()
			for _, external := range []string{"<script", "<link", "<img", "<iframe", "@import", " src="} {
				if strings.Contains(html, external) {
					t.Errorf("the HTML report loads something (%q): it must be one self-contained file", external)
				}
			}
			if strings.Count(html, "url(") != 1 || !strings.Contains(html, "url(data:font/ttf;base64,") {
				t.Error("the HTML report must use only its inline font")
			}
			for _, want := range append(sectionTexts(lang), "<svg") {
				if !strings.Contains(html, want) {
					t.Errorf("the %s HTML report lacks %q", lang, want)
				}
			}
		})
	}
}

// TestSelfServiceReport: a plan without the service report gets the risk report without the
// TAM sections, and says why.
func TestSelfServiceReport(t *testing.T) {
	t.Parallel()
	st := newHistory(t, historySpec{months: 2, findings: 20, plan: "developer"})
	notes, err := ParseNotes("tam.yaml", []byte("narrative: hello\nrequirements:\n  - title: a requirement\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := build(t, st, "en", notes)
	if m.Service() || len(m.Recommendations) > 0 || len(m.Requirements) > 0 || m.Summary.ByTAM {
		t.Fatalf("a developer-plan report has TAM content: kind %s, %d recommendations", m.Kind, len(m.Recommendations))
	}
	var buf bytes.Buffer
	if err := WritePDF(&buf, m, "f.csv"); err != nil {
		t.Fatal(err)
	}
	all := squash(strings.Join(pdfText(t, buf.Bytes()), "\n"))
	c := Catalog("en")
	for _, want := range []string{c.T("title.self"), c.T("me.self")} {
		if !strings.Contains(all, squash(want)) {
			t.Errorf("the self-service report lacks %q", want)
		}
	}
	for _, absent := range []string{c.T("sec.recommendations"), c.T("sec.events"), c.T("sec.projects")} {
		if strings.Contains(all, squash(absent)) {
			t.Errorf("the self-service report has the TAM section %q", absent)
		}
	}
}

// TestReportNumbers checks the model against the synthetic history it was built from.
func TestReportNumbers(t *testing.T) {
	t.Parallel()
	st := newHistory(t, historySpec{months: 6, findings: 50, plan: "enterprise"})
	m := build(t, st, "en", nil)
	if len(m.Scans) != 2 {
		t.Errorf("November has %d scans in the report, want 2", len(m.Scans))
	}
	if got := len(m.Trend.Months); got != 6 {
		t.Errorf("trend has %d months, want 6 (June to November)", got)
	}
	// Each scan after the first slides the window by 5: 5 resolved and 5 new per scan.
	if r := m.Remediation; r.Raised != 10 || r.Resolved != 10 {
		t.Errorf("November raised %d and resolved %d, want 10 and 10", r.Raised, r.Resolved)
	}
	if m.DetailsTotal != 50 {
		t.Errorf("open failing findings %d, want 50", m.DetailsTotal)
	}
	if m.Summary.Previous == nil || m.Summary.Delta == nil {
		t.Error("no comparison with October")
	}
	if len(m.Expiring) != 1 || m.Expiring[0].Days != 12 || m.Expiring[0].AutoRenew {
		t.Errorf("expiring %+v, want ins-prepaid01 in 12 days without auto-renewal", m.Expiring)
	}
	if len(m.Limits.Rows) != 1 || m.Limits.Rows[0].Name != "TOTAL_EIP_QUOTA" || m.Limits.Rows[0].State != "red" {
		t.Errorf("limits %+v, want the EIP quota red (22 of 20)", m.Limits.Rows)
	}
	if ch := m.Changes; ch.From == nil || len(ch.ByType) != 1 || ch.ByType[0].Added != 1 {
		t.Errorf("changes %+v, want one disk added between the two November scans", ch.ByType)
	}
	if m.Waivers.Waived != 1 || m.Waivers.Known {
		t.Errorf("waivers %+v", m.Waivers)
	}
	if len(m.Overview.Coverage.Failures) != 1 {
		t.Errorf("coverage failures %v, want the unreadable ap-singapore disks", m.Overview.Coverage.Failures)
	}
	for _, p := range m.Summary.Pillars {
		if p.Pillar == "reliability" && (!p.Partial || p.Coverage >= 100) {
			t.Errorf("reliability %+v: its unknown must show as partial coverage", p)
		}
	}
}

func TestNoScanInTheMonthNamesTheMonthsThatHaveScans(t *testing.T) {
	t.Parallel()
	st := newHistory(t, historySpec{months: 3, findings: 10, plan: "enterprise"})
	p, _ := MonthPeriod("2026-05", shanghai)
	_, err := Build(context.Background(), st, Options{Period: p, Rules: testRules})
	if !errors.Is(err, ErrNoScan) || !strings.Contains(err.Error(), "2026-09, 2026-10, 2026-11") {
		t.Fatalf("error %v, want ErrNoScan naming 2026-09, 2026-10, 2026-11", err)
	}
}

func TestNotesErrorsNameFileAndLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "customer: x\nrecommendations:\n  - title: a\n    colour: red\n", "tam.yaml:4: field colour"},
		{"bad date", "projects:\n  - title: p\n    due: 2026-13-01\n", `tam.yaml:3: "2026-13-01" is not a date`},
		{"bad priority", "recommendations:\n  - title: a\n    priority: urgent\n", `tam.yaml:3: priority "urgent"`},
		{"bad finding id", "recommendations:\n  - title: a\n    findings: [abc]\n", `tam.yaml:3: finding id "abc"`},
		{"bad progress", "projects:\n  - title: p\n    progress: 140\n", "tam.yaml:3: progress 140"},
		{"unknown language", "narrative: {fr: bonjour}\n", `tam.yaml:1: language "fr"`},
		{"no title", "requirements:\n  - owner: me\n", "tam.yaml:2: requirements entry 1 has no title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseNotes("tam.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// TestNotesFindingMustBeOpen: a finding id the last scan does not have is an error at its line.
func TestNotesFindingMustBeOpen(t *testing.T) {
	t.Parallel()
	st := newHistory(t, historySpec{months: 2, findings: 20, plan: "enterprise"})
	m := build(t, st, "en", nil)
	open := m.Details[0].Findings[0].ID
	notes, err := ParseNotes("tam.yaml", []byte("recommendations:\n  - title: a\n    findings:\n      - "+open+"\n      - 0123456789abcdef\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := MonthPeriod("2026-11", shanghai)
	_, err = Build(context.Background(), st, Options{Period: p, Rules: testRules, Notes: notes})
	if err == nil || !strings.Contains(err.Error(), `tam.yaml:5: finding "0123456789abcdef" is not open`) {
		t.Fatalf("error %v, want tam.yaml:5 naming the unknown finding", err)
	}
	// Curated items come first, with the texts in the report's language.
	notes, err = ParseNotes("tam.yaml", []byte("recommendations:\n  - title: {zh-CN: 关闭公网, en: Close public access}\n    findings: ["+open+"]\n    due: 2026-12-01\n"))
	if err != nil {
		t.Fatal(err)
	}
	m, err = Build(context.Background(), st, Options{Period: p, Lang: "zh-CN", Rules: testRules, Notes: notes})
	if err != nil {
		t.Fatal(err)
	}
	if r := m.Recommendations[0]; !r.Curated || r.Title != "关闭公网" || r.Due != "2026-12-01" {
		t.Errorf("first recommendation %+v, want the curated one in Chinese", r)
	}
}

func TestWaiversFromTheConfiguration(t *testing.T) {
	t.Parallel()
	st := newHistory(t, historySpec{months: 2, findings: 10, plan: "enterprise"})
	p, _ := MonthPeriod("2026-11", shanghai)
	soon := config.Date{Time: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)}
	m, err := Build(context.Background(), st, Options{Period: p, Rules: testRules, Accounts: []string{"100000000001", "100000000002"}, Waivers: []config.Waiver{
		{Rule: "TSA-COS-*", Reason: "logs", Owner: "data", Expires: soon, Source: "waivers.yaml:2"},
		{Rule: "TSA-VPC-001", Account: "100000000009", Reason: "other account", Owner: "x", Source: "waivers.yaml:8"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	w := m.Waivers
	if !w.Known || len(w.Rows) != 1 || w.Rows[0].State != "soon" || w.Rows[0].Covers != 1 || w.Soon != 1 {
		t.Fatalf("waivers %+v, want the COS waiver, expiring soon, covering 1 finding", w)
	}
}

// TestWriteFileLeavesNoPartialFile: a failed render leaves the old file as it was.
func TestWriteFileLeavesNoPartialFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, []byte("good"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteAtomic(path, func(w io.Writer) error { w.Write([]byte("half")); return errors.New("boom") })
	if err == nil {
		t.Fatal("no error")
	}
	if raw, _ := os.ReadFile(path); string(raw) != "good" {
		t.Fatalf("file is %q after a failed render", raw)
	}
}

func TestCSVGuardsFormulas(t *testing.T) {
	t.Parallel()
	m := &Monthly{Lang: "en", Details: []RuleDetail{{RuleID: "R", all: []result.Finding{{ID: "1", ResourceName: "=HYPERLINK(1)", Message: "ok"}}}}}
	var buf bytes.Buffer
	if err := WriteFindingsCSV(&buf, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "'=HYPERLINK(1)") {
		t.Fatalf("formula not quoted:\n%s", buf.String())
	}
}

// TestWrapKeepsEveryCharacter: lines break between CJK characters and Latin words without
// losing any, and no line starts with closing punctuation.
func TestWrapKeepsEveryCharacter(t *testing.T) {
	t.Parallel()
	d := &pdfDoc{f: fpdf.New("P", "mm", "A4", "")}
	d.f.AddUTF8FontFromBytes(fontFamily, "", fontTTF)
	d.f.SetFont(fontFamily, "", 9)
	tests := []string{
		"支付库-mysql 开启了外网地址且安全组对 0.0.0.0/0 放通 3306，应改为仅内网访问，并通过堡垒机运维。受影响 / 已评估",
		"Bind the disk to a scheduled snapshot policy (CBS console > Snapshots > Scheduled snapshot policies), or take one now.",
		"averyveryveryveryveryverylongidentifierwithoutanyspaceinsideitatall-ins-0123456789",
	}
	for _, text := range tests {
		for _, w := range []float64{12, 20, 45} {
			lines := d.wrap(text, w)
			if got := squash(strings.Join(lines, "")); got != squash(text) {
				t.Errorf("wrap at %.0f mm lost text:\n got %q\nwant %q", w, got, squash(text))
			}
			for i, l := range lines {
				if i > 0 && l != "" && strings.ContainsRune(noLineStart, []rune(l)[0]) {
					t.Errorf("line %q starts with closing punctuation", l)
				}
				if d.f.GetStringWidth(l) > w-2*d.f.GetCellMargin()+0.01 && len([]rune(l)) > 1 && !strings.ContainsRune(noLineStart, []rune(l)[len([]rune(l))-1]) {
					t.Errorf("line %q is wider than %.0f mm", l, w)
				}
			}
		}
	}
}

// TestLedgers: the support and events sections read the ticket and IEM ledgers of the store:
// tickets live in the month, audits run in it, and the sessions used against the plans'.
func TestLedgers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newHistory(t, historySpec{months: 2, findings: 10, plan: "enterprise"})
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, shanghai) }
	ticket := func(key, state string, opened, updated time.Time) history.TicketChange {
		return history.TicketChange{Row: history.TicketRow{Key: key, State: state, RuleID: "TSA-VPC-001", Account: "100000000001",
			Severity: "high", Grade: "production_impacted", Plan: "enterprise", Title: "ticket " + key, OpenedAt: opened,
			UpdatedAt: updated, Body: []byte("{}")}, Event: history.TicketEvent{At: updated, Kind: "opened"}}
	}
	if err := st.SaveTickets(ctx, []history.TicketChange{
		ticket("a", "open", day(9, 1), day(9, 1)),       // still open: shown
		ticket("b", "resolved", day(10, 1), day(11, 5)), // resolved in November: shown
		ticket("c", "resolved", day(8, 1), day(9, 5)),   // resolved before: not shown
		ticket("d", "open", day(12, 2), day(12, 2)),     // opened after: not shown
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddIEMAudit(ctx, history.IEMAudit{Event: "双十二大促", Start: day(12, 12), AuditedAt: day(11, 25), Verdict: iem.ReadyWithRisk, Body: []byte("{}")}); err != nil {
		t.Fatal(err)
	}
	if err := st.AddIEMSession(ctx, history.IEMSession{Account: "100000000001", Event: "618", Start: day(6, 18), End: day(6, 19), RecordedAt: day(6, 1)}); err != nil {
		t.Fatal(err)
	}
	m := build(t, st, "zh-CN", nil)
	var ids []string
	for _, r := range m.Tickets.Rows {
		ids = append(ids, r.Title)
	}
	if strings.Join(ids, ",") != "ticket a,ticket b" {
		t.Errorf("tickets %v, want a and b", ids)
	}
	if e := m.Events; e == nil || len(e.Audits) != 1 || e.SessionsUsed != 1 || e.SessionsYear != 2*iem.SessionsPerYear {
		t.Fatalf("events %+v, want one audit and 1 of 6 sessions", e)
	}
	var buf bytes.Buffer
	if err := WritePDF(&buf, m, "f.csv"); err != nil {
		t.Fatal(err)
	}
	all := squash(strings.Join(pdfText(t, buf.Bytes()), "\n"))
	for _, want := range []string{"ticketb", "双十二大促", Catalog("zh-CN").T("iem.ready_with_risk"), Catalog("zh-CN").T("grade.production_impacted")} {
		if !strings.Contains(all, squash(want)) {
			t.Errorf("the report lacks %q", want)
		}
	}
}
