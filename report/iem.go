package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tsa-scanner/tsa/iem"
)

// verdictWords say what an IEM verdict means for the team.
var verdictWords = map[string]string{
	iem.Ready:         "READY — every check passed",
	iem.ReadyWithRisk: "READY WITH RISKS — warnings to act on before the start",
	iem.NotReady:      "NOT READY — a check failed: act before the start",
	iem.Partial:       "PARTIAL — nothing failed, but some data could not be read, so readiness is unproven",
}

// IEMSummary writes an audit for a terminal: the verdict, the three sub-scores, the action
// tracker (every check not passing, with its owner and due date) and what was not checked.
func IEMSummary(w io.Writer, a *iem.Audit) {
	fmt.Fprintf(w, "\nIEM readiness  %s  %s → %s\n", Clean(a.Event), a.Start.Format("2006-01-02 15:04 MST"), a.End.Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "\n%s\n\n", verdictWords[a.Verdict])
	for _, s := range a.Scores {
		unknown := ""
		if s.Unknown > 0 {
			unknown = fmt.Sprintf(", %d unknown counted as not ready", s.Unknown)
		}
		fmt.Fprintf(w, "  %-27s %5.1f / 100  (%d checks%s)\n", titleOf(s.Group), s.Score, s.Checks, unknown)
	}
	fmt.Fprintf(w, "\nChecks  %d fail, %d unknown, %d warn, %d pass\n", a.Counts[iem.Fail], a.Counts[iem.Unknown], a.Counts[iem.Warn], a.Counts[iem.Pass])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	actions := 0
	for _, c := range a.Checks {
		if c.Status == iem.Pass {
			continue
		}
		if actions == 0 {
			fmt.Fprintln(tw, "\n  STATUS\tCLASS\tWHAT\tOWNER\tDUE\t")
		}
		actions++
		what := c.Resource
		if c.Name != "" {
			what = c.Name + " " + c.Resource
		}
		due := ""
		if c.Due != nil {
			due = c.Due.Format(time.DateOnly)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t\n", strings.ToUpper(string(c.Status)), c.Class, Clean(MaskSecret(strings.TrimSpace(what+" "+c.Detail))), Clean(c.Owner), due)
	}
	tw.Flush()
	if len(a.NotCovered) > 0 {
		fmt.Fprintf(w, "\nNot checked by this version (do these by hand):\n")
		for _, n := range a.NotCovered {
			fmt.Fprintf(w, "  - %s\n", n)
		}
	}
}

func titleOf(group string) string {
	for _, g := range iem.Groups {
		if g.Name == group {
			return g.Title
		}
	}
	return group
}
