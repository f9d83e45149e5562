// Package report turns scan results into what people read: the console summary, findings JSON
// and, later, the monthly service report. It reads scan results, never the cloud.
package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/tsa-scanner/tsa/result"
)

// bandWords are TSA's names for the score bands.
var bandWords = map[string]string{
	"green":            "excellent governance",
	"orange":           "governance risks",
	"red":              "critical governance risks",
	result.NotAssessed: "nothing could be read, so nothing was judged",
}

// score writes a score, or a dash when nothing was judged.
func score(v float64, band string) string {
	if band == result.NotAssessed {
		return "—"
	}
	return fmt.Sprintf("%.1f", v)
}

// Summary writes the console summary of a scan: score and band, counts per pillar, coverage
// with every failure, call accounting, and the top findings.
func Summary(w io.Writer, res *result.Scan, top int) {
	accounts, regions := 0, map[string]bool{}
	for _, a := range res.Accounts {
		if a.Error == "" {
			accounts++
		}
		for _, r := range a.Regions {
			regions[r] = true
		}
	}
	fmt.Fprintf(w, "\ntsa scan  %s  %d account(s), %d region(s), %d resources\n",
		res.StartedAt.Format("2006-01-02 15:04 MST"), accounts, len(regions), res.Resources)
	partial := ""
	if res.Scores.Partial {
		partial = "  (partial: some resources could not be assessed)"
	}
	if res.Interrupted {
		partial += "  (interrupted)"
	}
	fmt.Fprintf(w, "\nScore %s / 100  %s — %s%s\n\n", score(res.Scores.Overall, res.Scores.Band), strings.ToUpper(strings.ReplaceAll(res.Scores.Band, "_", " ")), bandWords[res.Scores.Band], partial)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  PILLAR\tSCORE\tBAND\tFAIL\tUNKNOWN\tWAIVED\t")
	for _, p := range res.Scores.Pillars {
		mark := ""
		if p.Partial {
			mark = " (partial)"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s%s\t%d\t%d\t%d\t\n", p.Pillar, score(p.Score, p.Band), strings.ReplaceAll(p.Band, "_", " "), mark, p.Fail, p.Unknown, p.Waived)
	}
	tw.Flush()

	for _, a := range res.Accounts {
		if a.Error != "" {
			fmt.Fprintf(w, "\nAccount %s (%s) was NOT scanned: %s\n", a.UIN, a.Name, a.Error)
		}
	}

	cov := res.Coverage
	if cov.Planned > 0 {
		fmt.Fprintf(w, "\nCoverage  %d of %d planned reads succeeded (%.1f%%):", cov.OK, cov.Planned, 100*float64(cov.OK)/float64(cov.Planned))
	} else {
		fmt.Fprintf(w, "\nCoverage  no reads were planned")
	}
	if cov.AccountsFailed > 0 {
		fmt.Fprintf(w, "  (%d account(s) not entered)", cov.AccountsFailed)
	}
	for _, p := range cov.Products {
		fmt.Fprintf(w, "  %s %.0f%%", p.Product, p.Percent)
	}
	fmt.Fprintln(w)
	for _, f := range cov.Failures {
		region := f.Region
		if region == "" {
			region = "global"
		}
		line := fmt.Sprintf("  UNREAD  %s %s %s: %s", f.Account, region, f.Action, f.Code)
		if f.Message != "" {
			line += " — " + f.Message
		}
		if f.Grant != "" {
			line += fmt.Sprintf(" (grant %s to the scanning role)", f.Grant)
		}
		fmt.Fprintln(w, line)
	}

	calls, retries, throttles, errs := 0, 0, 0, 0
	for _, c := range res.Calls {
		calls, retries, throttles, errs = calls+c.Calls, retries+c.Retries, throttles+c.Throttles, errs+c.Errors
	}
	fmt.Fprintf(w, "Calls     %d API calls, %d retries, %d throttled, %d errors\n", calls, retries, throttles, errs)

	counts := map[result.Status]int{}
	for _, f := range res.Findings {
		counts[f.Status]++
	}
	fmt.Fprintf(w, "\nFindings  %d fail, %d unknown, %d waived", counts[result.Fail], counts[result.Unknown], counts[result.Waived])
	pass := 0
	for _, r := range res.Rules {
		pass += r.Pass
	}
	fmt.Fprintf(w, ", %d passed checks (%d rules)\n", pass, len(res.Rules))
	if wr := res.Waivers; wr.Applied > 0 || len(wr.Expired) > 0 || len(wr.Unmatched) > 0 {
		fmt.Fprintf(w, "Waivers   %d finding(s) waived\n", wr.Applied)
		for _, x := range wr.Expired {
			fmt.Fprintf(w, "  EXPIRED    %s (rule %s, owner %s) expired %s and no longer applies\n", x.Source, x.Rule, x.Owner, x.Expires.Format("2006-01-02"))
		}
		for _, x := range wr.Unmatched {
			fmt.Fprintf(w, "  UNMATCHED  %s (rule %s, owner %s) matches no finding\n", x.Source, x.Rule, x.Owner)
		}
	}
	top10 := topFindings(res.Findings, top)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, f := range top10 {
		region := f.Region
		if region == "" {
			region = "global"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", strings.ToUpper(f.Severity), f.RuleID, f.Account, region, f.Message)
	}
	tw.Flush()
	shown := len(top10)
	if counts[result.Fail] > shown {
		fmt.Fprintf(w, "  … and %d more failing findings\n", counts[result.Fail]-shown)
	}
}

// topFindings picks up to n failing findings, most severe first, one per rule before a second of
// any rule, so the summary shows the breadth of what is wrong rather than one rule's many hits.
func topFindings(findings []result.Finding, n int) []result.Finding {
	var out []result.Finding
	for round := 0; len(out) < n; round++ {
		seen := map[string]int{}
		added := false
		for _, f := range findings { // already sorted by status and severity
			if f.Status != result.Fail {
				continue
			}
			seen[f.RuleID]++
			if seen[f.RuleID] == round+1 && len(out) < n {
				out = append(out, f)
				added = true
			}
		}
		if !added {
			break
		}
	}
	result.SortFindings(out)
	return out
}
