package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tsa-scanner/tsa/result"
)

// exitCodesHelp is the exit-code table, shown by tsa scan --help and docs/cli.md.
const exitCodesHelp = `Exit codes (when several apply, the first in this order wins):
  2  bad flags or configuration (nothing was scanned)
  6  another scan held the history store past --lock-timeout
  1  tsa could not do its job: credentials refused, no account entered,
     nothing at all could be read, or an output/the store could not be
     written
  5  a --fail-on* gate tripped: a failing finding at or above --fail-on,
     a new one at or above --fail-on-new, an expired waiver
     (--fail-on-expired), or a lower score than the previous scan
     (--fail-on-regression); partial or interrupted scans still trip it
  4  interrupted by Ctrl-C or SIGTERM; what was collected is kept
  3  the scan completed but some data could not be read (UNREAD lines)
  0  the scan completed and read everything`

// gates are the --fail-on* conditions: what turns a finished scan into exit code 5.
type gates struct {
	severity   string // --fail-on: a failing finding at or above it
	newSev     string // --fail-on-new: a new or reopened failing finding at or above it
	expired    bool   // --fail-on-expired: a waiver expired
	regression bool   // --fail-on-regression: the overall score fell since the previous scan
}

// needsHistory is whether a gate compares with earlier scans.
func (g gates) needsHistory() bool { return g.newSev != "" || g.regression }

// outcome is what a finished scan produced besides its result: what history said about it.
type outcome struct {
	// New are failing findings new or reopened since the previous scan of their account;
	// nil when there was nothing to compare with.
	New []result.Finding
	// Previous is the overall score of the previous scan of the same source, and whether
	// there was one that was assessed.
	Previous    float64
	HasPrevious bool
}

// tripped returns why the gates trip, or nothing.
func (g gates) tripped(res *result.Scan, o outcome) []string {
	var why []string
	count := func(fs []result.Finding, min string) int {
		n := 0
		for _, f := range fs {
			if f.Status == result.Fail && rank(f.Severity) >= rank(min) {
				n++
			}
		}
		return n
	}
	if g.severity != "" {
		if n := count(res.Findings, g.severity); n > 0 {
			why = append(why, fmt.Sprintf("%d failing finding(s) at or above %s severity (--fail-on %s)", n, g.severity, g.severity))
		}
	}
	if g.newSev != "" {
		if n := count(o.New, g.newSev); n > 0 {
			why = append(why, fmt.Sprintf("%d new failing finding(s) at or above %s severity since the previous scan (--fail-on-new %s)", n, g.newSev, g.newSev))
		}
	}
	if g.expired && len(res.Waivers.Expired) > 0 {
		why = append(why, fmt.Sprintf("%d waiver(s) expired (--fail-on-expired)", len(res.Waivers.Expired)))
	}
	if g.regression && o.HasPrevious && res.Scores.Band != result.NotAssessed && res.Scores.Overall < o.Previous {
		why = append(why, fmt.Sprintf("the score fell from %.1f to %.1f since the previous scan (--fail-on-regression)", o.Previous, res.Scores.Overall))
	}
	return why
}

// readNothing is whether the scan read nothing at all: no account entered, or not one planned
// read succeeded. That is a failure to run, not a partial scan.
func readNothing(res *result.Scan) bool {
	if len(res.Accounts) == 0 {
		return false
	}
	entered := 0
	for _, a := range res.Accounts {
		if a.Error == "" {
			entered++
		}
	}
	return entered == 0 || res.Coverage.Planned > 0 && res.Coverage.OK == 0
}

// scanExit maps a finished scan to its exit code by the precedence in exitCodesHelp. Every
// condition that applies is said, the one that decides the code first.
func scanExit(res *result.Scan, g gates, o outcome) error {
	type cond struct {
		code int
		msg  string
	}
	var conds []cond
	// Interrupted before anything was read is an interruption, not a failure to run.
	if readNothing(res) && !res.Interrupted {
		conds = append(conds, cond{exitError, "nothing could be read (reasons above): nothing was scanned"})
	}
	if why := g.tripped(res, o); len(why) > 0 {
		conds = append(conds, cond{exitFindings, strings.Join(why, "; ")})
	}
	if res.Interrupted {
		conds = append(conds, cond{exitInterrupted, "interrupted: the results cover what was collected before the signal"})
	}
	if res.Partial && !readNothing(res) {
		conds = append(conds, cond{exitPartial, "the scan is partial: some data could not be read (UNREAD lines); rules over it report unknown"})
	}
	if len(conds) == 0 {
		return nil
	}
	msgs := make([]string, len(conds))
	for i, c := range conds {
		msgs[i] = c.msg
	}
	return &codeError{code: conds[0].code, err: errors.New(strings.Join(msgs, "\ntsa: also: "))}
}

// rank orders severities, low 0 to high 2; anything else is -1.
func rank(sev string) int {
	switch strings.ToLower(sev) {
	case "low":
		return 0
	case "medium":
		return 1
	case "high":
		return 2
	}
	return -1
}
