package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// condition is one thing that can be true of a finished scan, with what makes it true.
type condition struct {
	name  string
	code  int
	apply func(s *result.Scan, g *gates, o *outcome)
}

// conditions are every exit condition of a finished scan, in the documented precedence.
var conditions = []condition{
	{"read nothing", exitError, func(s *result.Scan, _ *gates, _ *outcome) {
		s.Coverage.OK = 0
		s.Partial = true
	}},
	{"fail-on", exitFindings, func(s *result.Scan, g *gates, _ *outcome) {
		g.severity = "high"
		s.Findings = append(s.Findings, result.Finding{RuleID: "TSA-X-1", Severity: "high", Status: result.Fail})
	}},
	{"fail-on-new", exitFindings, func(_ *result.Scan, g *gates, o *outcome) {
		g.newSev = "medium"
		o.New = []result.Finding{{RuleID: "TSA-X-2", Severity: "medium", Status: result.Fail}}
	}},
	{"fail-on-expired", exitFindings, func(s *result.Scan, g *gates, _ *outcome) {
		g.expired = true
		s.Waivers.Expired = []config.Waiver{{Rule: "TSA-X-3"}}
	}},
	{"fail-on-regression", exitFindings, func(s *result.Scan, g *gates, o *outcome) {
		g.regression = true
		o.Previous, o.HasPrevious = s.Scores.Overall+5, true
	}},
	{"interrupted", exitInterrupted, func(s *result.Scan, _ *gates, _ *outcome) { s.Interrupted = true }},
	{"partial", exitPartial, func(s *result.Scan, _ *gates, _ *outcome) {
		s.Partial = true
		if s.Coverage.OK > 0 {
			s.Coverage.OK--
		}
	}},
}

// healthyScan is a complete scan with nothing to report.
func healthyScan() *result.Scan {
	return &result.Scan{
		Accounts: []inventory.Account{{UIN: "100012345678"}},
		Coverage: result.Coverage{Planned: 10, OK: 10},
		Scores:   result.Scores{Overall: 90, Band: "green"},
	}
}

// expected is the code the documented precedence gives a set of conditions: 1, then 5, then
// 4, then 3; read nothing gives way to an interruption (nothing was read because of it).
func expected(set []condition) int {
	has := map[int]bool{}
	for _, c := range set {
		has[c.code] = true
	}
	nothingRead := false
	for _, c := range set {
		if c.name == "read nothing" {
			nothingRead = true
		}
	}
	switch {
	case nothingRead && !has[exitInterrupted]:
		return exitError
	case has[exitFindings]:
		return exitFindings
	case has[exitInterrupted]:
		return exitInterrupted
	case has[exitPartial] || nothingRead:
		return exitPartial
	}
	return exitOK
}

// TestExitCodeMatrix: every condition alone and every pair of conditions gives the code of the
// documented precedence; no condition masks a gate (a partial scan with a failing finding
// exits 5), and every condition that applied is said.
func TestExitCodeMatrix(t *testing.T) {
	t.Parallel()
	sets := [][]condition{nil}
	for i := range conditions {
		sets = append(sets, []condition{conditions[i]})
		for j := i + 1; j < len(conditions); j++ {
			sets = append(sets, []condition{conditions[i], conditions[j]})
		}
	}
	for _, set := range sets {
		var names []string
		for _, c := range set {
			names = append(names, c.name)
		}
		name := strings.Join(names, "+")
		if name == "" {
			name = "healthy"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s, g, o := healthyScan(), gates{}, outcome{}
			for _, c := range set {
				c.apply(s, &g, &o)
			}
			err := scanExit(s, g, o)
			code := exitOK
			var ce *codeError
			if errors.As(err, &ce) {
				code = ce.code
			} else if err != nil {
				t.Fatalf("not a coded error: %v", err)
			}
			if want := expected(set); code != want {
				t.Fatalf("exit %d, want %d (%v)", code, expected(set), err)
			}
			for _, c := range set {
				if c.code == exitFindings && !strings.Contains(fmt.Sprint(err), strings.TrimPrefix(c.name, "fail-on")) {
					t.Errorf("the error does not name %s: %v", c.name, err)
				}
			}
		})
	}
}

// TestExitCodesEndToEnd runs real demo scans for the conditions a flag can produce: a
// partial scan with a failing HIGH finding exits 5, not 3; a read-nothing scan exits 1.
func TestExitCodesEndToEnd(t *testing.T) {
	isolate(t)
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"partial and fail-on", []string{"--fault", "region-down=ap-beijing", "--max-retries", "1", "--fail-on", "HIGH"}, exitFindings,
			[]string{"at or above high severity", "also: the scan is partial"}},
		{"nothing read", []string{"--fault", "error-rate=1", "--max-retries", "0"}, exitError, []string{"nothing could be read"}},
		{"bad fail-on", []string{"--fail-on", "hihg"}, exitUsage, []string{"want one of high, medium, low (did you mean high?)"}},
		{"fail-on-new without a store", []string{"--fail-on-new", "high"}, exitUsage, []string{"drop --no-store"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, append([]string{"scan", "--demo", "-q", "--no-store"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", code, tt.code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(out+stderr, w) {
					t.Errorf("output lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}
