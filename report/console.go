// Package report turns scan results into what people read: the console summary, findings JSON
// and, later, the monthly service report. It reads scan results, never the cloud.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// bandWords are TSA's names for the score bands.
var bandWords = map[string]string{
	"green":            "excellent governance",
	"orange":           "governance risks",
	"red":              "critical governance risks",
	result.NotAssessed: "nothing could be read, so nothing was judged",
	result.Withheld:    "too much could not be read for a band",
}

// score writes a score, or a dash when nothing was judged.
func score(v float64, band string) string {
	if band == result.NotAssessed {
		return "—"
	}
	return fmt.Sprintf("%.1f", v)
}

// headline is the words after the score. A green score never reads "excellent governance"
// while a HIGH security or service-limit finding is open: the score averages, the headline
// must not hide the one finding that matters.
func headline(s *result.Scan) string {
	band := s.Scores.Band
	words := strings.ToUpper(strings.ReplaceAll(band, "_", " ")) + " — " + bandWords[band]
	if sc := s.Scores; band != result.NotAssessed && sc.Upper > sc.Overall {
		// The headline counts unknown items as failing; reading them could raise it this far.
		words += fmt.Sprintf(" (range %.1f–%.1f, %.0f%% judged)", sc.Overall, sc.Upper, 100*sc.Coverage)
	}
	if band != "green" {
		return words
	}
	n := 0
	for _, f := range s.Findings {
		if f.Status == result.Fail && f.Severity == "high" && (f.Pillar == "security" || f.Pillar == "service_limits") {
			n++
		}
	}
	if n > 0 {
		return fmt.Sprintf("GREEN — but %d HIGH security or service-limit finding(s) open", n)
	}
	return words
}

// SummaryOptions tune the console summary.
type SummaryOptions struct {
	// Top is how many failing findings to list.
	Top int
	// New are the failing HIGH findings new (or reopened) since the previous scan, listed by
	// name; nil when there is no history to compare with.
	New []result.Finding
	// Color marks bands and severities with ANSI colours (a terminal without NO_COLOR).
	Color bool
}

// ANSI colours, used only with SummaryOptions.Color.
const (
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	green  = "\x1b[32m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

// paint wraps s in a colour when on.
func paint(on bool, colour, s string) string {
	if !on || colour == "" {
		return s
	}
	return colour + s + reset
}

func bandColour(band string) string {
	return map[string]string{"green": green, "orange": yellow, "red": red}[band]
}

func severityColour(sev string) string {
	return map[string]string{"high": red, "medium": yellow}[sev]
}

// Summary writes the console summary of a scan: score and band, accounts with their support
// plan, counts per pillar and severity, coverage with its failures grouped by cause, call
// accounting, new HIGH findings, and the top findings. Everything that came from the cloud is
// passed through Clean.
func Summary(w io.Writer, res *result.Scan, o SummaryOptions) {
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
	fmt.Fprintf(w, "\n%s%s\n\n", paint(o.Color, bold+bandColour(res.Scores.Band),
		fmt.Sprintf("Score %s / 100  %s", score(res.Scores.Overall, res.Scores.Band), headline(res))), partial)

	accountTable(w, res, o.Color)
	pillarTable(w, res, o.Color)

	for _, a := range res.Accounts {
		if a.Error != "" {
			fmt.Fprintf(w, "\nAccount %s (%s) was NOT scanned: %s\n", Clean(a.UIN), Clean(a.Name), Clean(a.Error))
		}
	}
	coverage(w, res.Coverage)

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
			fmt.Fprintf(w, "  EXPIRED    %s (rule %s, owner %s) expired %s and no longer applies\n", x.Source, x.Rule, Clean(x.Owner), x.Expires.Format("2006-01-02"))
		}
		for _, x := range wr.Unmatched {
			fmt.Fprintf(w, "  UNMATCHED  %s (rule %s, owner %s) matches no finding\n", x.Source, x.Rule, Clean(x.Owner))
		}
	}
	if o.New != nil {
		fmt.Fprintf(w, "New HIGH  %d since the previous scan\n", len(o.New))
		shown := o.New[:min(len(o.New), max(o.Top, 1))]
		findingTable(w, shown, o.Color)
		if len(o.New) > len(shown) {
			fmt.Fprintf(w, "  … and %d more new HIGH findings (tsa findings --status new --severity high)\n", len(o.New)-len(shown))
		}
	}
	top := topFindings(res.Findings, o.Top)
	if len(top) > 0 {
		fmt.Fprintln(w, "Top failing findings")
	}
	findingTable(w, top, o.Color)
	if counts[result.Fail] > len(top) {
		fmt.Fprintf(w, "  … and %d more failing findings\n", counts[result.Fail]-len(top))
	}
}

// accountTable lists each account with its support plan and failing findings by severity.
func accountTable(w io.Writer, res *result.Scan, colour bool) {
	type tally struct{ high, medium, low, unknown int }
	by := map[string]*tally{}
	for _, a := range res.Accounts {
		by[a.UIN] = &tally{}
	}
	for _, f := range res.Findings {
		t := by[f.Account]
		if t == nil {
			continue
		}
		switch {
		case f.Status == result.Unknown:
			t.unknown++
		case f.Status != result.Fail:
		case f.Severity == "high":
			t.high++
		case f.Severity == "medium":
			t.medium++
		default:
			t.low++
		}
	}
	tb := &table{indent: "  "}
	tb.add("ACCOUNT", "PLAN", "REGIONS", "HIGH", "MEDIUM", "LOW", "UNKNOWN", "NAME")
	for _, a := range res.Accounts {
		t := by[a.UIN]
		high := fmt.Sprint(t.high)
		if t.high > 0 {
			high = paint(colour, red, high)
		}
		tb.add(Clean(a.UIN), orDash(Clean(a.Plan)), fmt.Sprint(len(a.Regions)), high, fmt.Sprint(t.medium), fmt.Sprint(t.low), fmt.Sprint(t.unknown), orDash(Clean(a.Name)))
	}
	tb.write(w)
	fmt.Fprintln(w)
}

// pillarTable lists each pillar's score and band with its findings by severity.
func pillarTable(w io.Writer, res *result.Scan, colour bool) {
	sev := map[string]map[string]int{}
	for _, f := range res.Findings {
		if f.Status != result.Fail {
			continue
		}
		if sev[f.Pillar] == nil {
			sev[f.Pillar] = map[string]int{}
		}
		sev[f.Pillar][f.Severity]++
	}
	tb := &table{indent: "  "}
	tb.add("PILLAR", "SCORE", "BAND", "HIGH", "MEDIUM", "LOW", "UNKNOWN", "WAIVED")
	for _, p := range res.Scores.Pillars {
		band := strings.ReplaceAll(p.Band, "_", " ")
		if p.Partial {
			band += " (partial)"
		}
		tb.add(p.Pillar, score(p.Score, p.Band), paint(colour, bandColour(p.Band), band), fmt.Sprint(sev[p.Pillar]["high"]),
			fmt.Sprint(sev[p.Pillar]["medium"]), fmt.Sprint(sev[p.Pillar]["low"]), fmt.Sprint(p.Unknown), fmt.Sprint(p.Waived))
	}
	tb.write(w)
}

// coverage writes what share of the planned reads succeeded and the unread ones, grouped by
// cause; the JSON output lists every one.
func coverage(w io.Writer, cov result.Coverage) {
	if cov.Planned > 0 {
		fmt.Fprintf(w, "\nCoverage  %d of %d planned reads succeeded (%.1f%%)", cov.OK, cov.Planned, 100*float64(cov.OK)/float64(cov.Planned))
	} else {
		fmt.Fprintf(w, "\nCoverage  no reads were planned")
	}
	if cov.AccountsFailed > 0 {
		fmt.Fprintf(w, "  (%d account(s) not entered)", cov.AccountsFailed)
	}
	// Only the products not fully read are listed: the line stays short when all is well.
	for _, p := range cov.Products {
		if p.OK < p.Planned {
			fmt.Fprintf(w, "  %s %.0f%%", p.Product, p.Percent)
		}
	}
	fmt.Fprintln(w)
	if subjects, withData := monitorCounts(cov.Monitor); subjects > 0 {
		fmt.Fprintf(w, "          monitor: %d of %d subjects had data", withData, subjects)
		if withData < subjects {
			fmt.Fprintf(w, " (the metric rules are unknown for the rest)")
		}
		fmt.Fprintln(w)
	}
	groups := GroupUnread(cov.Failures)
	for i, g := range groups {
		if i == maxUnreadLines && len(groups) > maxUnreadLines+1 {
			fmt.Fprintf(w, "  UNREAD  … and %d more causes (coverage.failures in findings.json lists every call)\n", len(groups)-i)
			break
		}
		fmt.Fprintln(w, "  UNREAD  "+g.String())
	}
}

// monitorCounts sums the subjects Cloud Monitor was asked about, over every metric key, and
// how many had data.
func monitorCounts(ms []inventory.MetricCoverage) (subjects, withData int) {
	for _, m := range ms {
		subjects += m.Subjects
		withData += m.WithData
	}
	return subjects, withData
}

// maxUnreadLines bounds the UNREAD lines: the summary never floods.
const maxUnreadLines = 12

// Unread is one cause of unread data: the failed calls of one account and region with one
// error code.
type Unread struct {
	Account, Region, Code string
	Calls                 []inventory.Call
}

// GroupUnread groups failed calls by account, region and error code, in order of first
// appearance.
func GroupUnread(failures []inventory.Call) []Unread {
	var out []Unread
	index := map[[3]string]int{}
	for _, c := range failures {
		k := [3]string{c.Account, c.Region, c.Code}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, Unread{Account: c.Account, Region: c.Region, Code: c.Code})
		}
		out[i].Calls = append(out[i].Calls, c)
	}
	return out
}

// String is the group's line: one call with its message, or the count with the actions; and
// the CAM actions to grant when the cause is a permission.
func (u Unread) String() string {
	where := Clean(u.Account) + " " + Clean(orGlobal(u.Region))
	if len(u.Calls) == 1 {
		c := u.Calls[0]
		line := fmt.Sprintf("%s %s: %s", where, Clean(c.Action), Clean(c.Code))
		if c.Message != "" {
			line += " — " + Clean(c.Message)
		}
		if c.Grant != "" {
			line += fmt.Sprintf(" (grant %s to the scanning role)", Clean(c.Grant))
		}
		return line
	}
	var actions, grants []string
	seen := map[string]bool{}
	for _, c := range u.Calls {
		if !seen[c.Action] {
			seen[c.Action] = true
			actions = append(actions, Clean(c.Action))
		}
		if c.Grant != "" && !seen["grant:"+c.Grant] {
			seen["grant:"+c.Grant] = true
			grants = append(grants, Clean(c.Grant))
		}
	}
	sort.Strings(actions)
	sort.Strings(grants)
	line := fmt.Sprintf("%s: %s on %d calls (%s)", where, Clean(u.Code), len(u.Calls), shortList(actions, 3))
	if len(grants) > 0 {
		line += fmt.Sprintf(" — grant %s to the scanning role", shortList(grants, 5))
	}
	return line
}

// shortList joins up to n items and says how many more there are.
func shortList(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(", … %d more", len(items)-n)
}

// findingTable lists findings one a line: severity, rule, account, region, resource, message.
func findingTable(w io.Writer, fs []result.Finding, colour bool) {
	tb := &table{indent: "  "}
	for _, f := range fs {
		tb.add(paint(colour, severityColour(f.Severity), strings.ToUpper(f.Severity)), f.RuleID,
			Clean(f.Account), Clean(orGlobal(f.Region)), Clean(resourceLabel(f)), Clean(f.Message))
	}
	tb.write(w)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
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
