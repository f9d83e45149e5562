package scanner

import (
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/result"
)

func TestWaiversApplyExpireAndReportUnmatched(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	findings := []result.Finding{
		{RuleID: "TSA-VPC-001", Account: "1", Region: "ap-guangzhou", ResourceID: "sg-a", Status: result.Fail, Severity: "high"},
		{RuleID: "TSA-VPC-001", Account: "1", Region: "ap-guangzhou", ResourceID: "sg-b", Status: result.Fail, Severity: "high"},
		{RuleID: "TSA-VPC-001", Account: "1", Region: "ap-beijing", ResourceID: "*", Status: result.Unknown, Severity: "high"},
	}
	results := []result.RuleResult{{Rule: result.Rule{ID: "TSA-VPC-001", Pillar: "security", Severity: "high"}, Fail: 2, Unknown: 1, Pass: 3}}
	waivers := []config.Waiver{
		{Rule: "TSA-VPC-*", Resource: "sg-a", Reason: "accepted", Owner: "ops", Source: "w.yaml:2"},
		{Rule: "TSA-VPC-001", Resource: "sg-b", Reason: "old", Owner: "ops", Source: "w.yaml:6", Expires: config.Date{Time: now.Add(-time.Hour)}},
		{Rule: "TSA-CBS-101", Resource: "disk-gone", Reason: "x", Owner: "ops", Source: "w.yaml:10"},
		{Rule: "TSA-VPC-001", Region: "ap-beijing", Reason: "never waives unknown", Owner: "ops", Source: "w.yaml:14"},
	}
	rep := applyWaivers(findings, results, waivers, now)
	if findings[0].Status != result.Waived || findings[0].Waiver == nil || findings[0].Waiver.Source != "w.yaml:2" {
		t.Fatalf("sg-a: %+v", findings[0])
	}
	if findings[1].Status != result.Fail {
		t.Fatal("an expired waiver still applied")
	}
	if findings[2].Status != result.Unknown {
		t.Fatal("an unknown finding was waived")
	}
	if results[0].Fail != 1 || results[0].Waived != 1 {
		t.Fatalf("counts: %+v", results[0])
	}
	if rep.Applied != 1 || len(rep.Expired) != 1 || rep.Expired[0].Source != "w.yaml:6" {
		t.Fatalf("expired: %+v", rep)
	}
	if len(rep.Unmatched) != 2 || rep.Unmatched[0].Source != "w.yaml:10" || rep.Unmatched[1].Source != "w.yaml:14" {
		t.Fatalf("unmatched: %+v", rep.Unmatched)
	}
	// A waived finding leaves the score.
	s := Score(results, findings, result.DefaultScoring())
	all := Score([]result.RuleResult{{Rule: results[0].Rule, Fail: 2, Pass: 3}}, []result.Finding{findings[1], {RuleID: "TSA-VPC-001", Status: result.Fail, Severity: "high"}}, result.DefaultScoring())
	if s.Pillars[0].Waived != 1 || s.Pillars[0].Fail != 1 || s.Pillars[0].Score < all.Pillars[0].Score {
		t.Fatalf("waived %v vs unwaived %v", s.Pillars[0], all.Pillars[0])
	}
}

func TestScoreFollowsTSAMethod(t *testing.T) {
	rule := func(id, pillar, sev string) result.Rule { return result.Rule{ID: id, Pillar: pillar, Severity: sev} }
	fails := func(id, sev string, n int) []result.Finding {
		out := make([]result.Finding, n)
		for i := range out {
			out[i] = result.Finding{RuleID: id, Severity: sev, Status: result.Fail}
		}
		return out
	}
	k := result.DefaultScoring()
	tests := []struct {
		name     string
		results  []result.RuleResult
		findings []result.Finding
		want     float64 // security pillar
	}{
		{"large estate, high ratio: -3", []result.RuleResult{{Rule: rule("A", "security", "high"), Fail: 10, Pass: 110}}, fails("A", "high", 10), 97},
		{"large estate, low ratio: third row", []result.RuleResult{{Rule: rule("A", "security", "high"), Fail: 2, Pass: 198}}, fails("A", "high", 2), 99},
		{"small estate, > 10 risky: -2", []result.RuleResult{{Rule: rule("A", "security", "high"), Fail: 11, Pass: 20}}, fails("A", "high", 11), 98},
		{"small estate, exactly 10 risky: third row", []result.RuleResult{{Rule: rule("A", "security", "medium"), Fail: 10, Pass: 20}}, fails("A", "medium", 10), 99.5},
		{"medium cap 10", func() []result.RuleResult {
			var r []result.RuleResult
			for _, id := range []string{"A", "B", "C", "D", "E", "F"} {
				r = append(r, result.RuleResult{Rule: rule(id, "security", "medium"), Fail: 20, Pass: 100})
			}
			return r
		}(), func() []result.Finding {
			var f []result.Finding
			for _, id := range []string{"A", "B", "C", "D", "E", "F"} {
				f = append(f, fails(id, "medium", 20)...)
			}
			return f
		}(), 90},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Score(tt.results, tt.findings, k)
			if got := s.Pillars[0].Score; got != tt.want {
				t.Fatalf("security %v, want %v", got, tt.want)
			}
			if s.Overall != round1((tt.want+400)/5) {
				t.Fatalf("overall %v", s.Overall)
			}
		})
	}
	if result.Band(85) != "green" || result.Band(84.9) != "orange" || result.Band(61) != "orange" || result.Band(60) != "red" {
		t.Fatal("bands")
	}
}

func TestNothingJudgedIsNotAPerfectScore(t *testing.T) {
	results := []result.RuleResult{
		{Rule: result.Rule{ID: "A", Pillar: "security", Severity: "high"}, Unknown: 2},
		{Rule: result.Rule{ID: "B", Pillar: "cost", Severity: "medium"}, Pass: 3},
	}
	s := Score(results, nil, result.DefaultScoring())
	if s.Pillars[0].Band != result.NotAssessed || s.Overall != 100 || !s.Partial {
		t.Fatalf("security unread, cost clean: %+v", s)
	}
	var unread []result.RuleResult
	for _, p := range result.Pillars {
		unread = append(unread, result.RuleResult{Rule: result.Rule{ID: p, Pillar: p, Severity: "high"}, Unknown: 1})
	}
	s = Score(unread, nil, result.DefaultScoring())
	if s.Band != result.NotAssessed {
		t.Fatalf("nothing judged scored %v %s", s.Overall, s.Band)
	}
}
