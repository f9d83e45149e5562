package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/tsa-scanner/tsa/result"
)

// markdownWriter writes a short summary for a chat message or a pull-request comment: the
// score, the accounts, counts per pillar and severity, what could not be read, and the top
// failing findings.
type markdownWriter struct{}

func (markdownWriter) Format() string { return "markdown" }

// FileName is summary.md: the file holds a summary, not every finding.
func (markdownWriter) FileName() string { return "summary.md" }

// markdownTop is how many failing findings the summary lists.
const markdownTop = 10

func (markdownWriter) Write(w io.Writer, s *result.Scan) error {
	b := &strings.Builder{}
	fmt.Fprintf(b, "## tsa scan %s\n\n", s.StartedAt.UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(b, "**Score %s / 100 — %s**", score(s.Scores.Overall, s.Scores.Band), headline(s))
	if s.Scores.Partial {
		b.WriteString(" (partial: some resources could not be assessed)")
	}
	if s.Interrupted {
		b.WriteString(" (interrupted)")
	}
	b.WriteString("\n\n| account | name | support plan | regions | scanned |\n|---|---|---|---|---|\n")
	for _, a := range s.Accounts {
		scanned := "yes"
		if a.Error != "" {
			scanned = "**no**: " + md(a.Error)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %d | %s |\n", md(a.UIN), md(a.Name), md(a.Plan), len(a.Regions), scanned)
	}
	b.WriteString("\n| pillar | score | band | fail | unknown | waived |\n|---|---:|---|---:|---:|---:|\n")
	for _, p := range s.Scores.Pillars {
		fmt.Fprintf(b, "| %s | %s | %s | %d | %d | %d |\n", p.Pillar, score(p.Score, p.Band), strings.ReplaceAll(p.Band, "_", " "), p.Fail, p.Unknown, p.Waived)
	}
	sev := severityCounts(s.Findings)
	fmt.Fprintf(b, "\nFailing findings by severity: %d high, %d medium, %d low.\n", sev["high"], sev["medium"], sev["low"])
	if c := s.Coverage; c.Planned > 0 {
		fmt.Fprintf(b, "Coverage: %d of %d planned reads succeeded (%.1f%%).\n", c.OK, c.Planned, 100*float64(c.OK)/float64(c.Planned))
	}
	for _, g := range GroupUnread(s.Coverage.Failures) {
		fmt.Fprintf(b, "- unread: %s\n", md(g.String()))
	}
	top := topFindings(s.Findings, markdownTop)
	if len(top) > 0 {
		b.WriteString("\n| severity | rule | account | region | resource | finding |\n|---|---|---|---|---|---|\n")
		for _, f := range top {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", strings.ToUpper(f.Severity), md(f.RuleID), md(f.Account),
				md(orGlobal(f.Region)), md(resourceLabel(f)), md(f.Message))
		}
		if n := sev["high"] + sev["medium"] + sev["low"]; n > len(top) {
			fmt.Fprintf(b, "\n… and %d more failing findings (findings.csv or findings.json list them all).\n", n-len(top))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// md makes a cloud value safe inside a Markdown table cell: control characters escaped,
// pipes and the characters that start Markdown or HTML markup backslash-escaped.
func md(s string) string {
	s = Clean(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\|`*_[]<>#!~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// resourceLabel is a finding's resource id, with its name when it has one.
func resourceLabel(f result.Finding) string {
	if f.ResourceName != "" && f.ResourceName != f.ResourceID {
		return f.ResourceID + " (" + f.ResourceName + ")"
	}
	return f.ResourceID
}

func orGlobal(region string) string {
	if region == "" {
		return "global"
	}
	return region
}

// severityCounts counts the failing findings by severity.
func severityCounts(fs []result.Finding) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		if f.Status == result.Fail {
			out[f.Severity]++
		}
	}
	return out
}
