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
	s := Score(Assessed{Rules: results, Findings: findings}, result.DefaultScoring())
	all := Score(Assessed{Rules: []result.RuleResult{{Rule: results[0].Rule, Fail: 2, Unknown: 1, Pass: 3}}, Findings: []result.Finding{findings[1], {RuleID: "TSA-VPC-001", Status: result.Fail, Severity: "high"}}}, result.DefaultScoring())
	if s.Pillars[0].Waived != 1 || s.Pillars[0].Fail != 1 || s.Pillars[0].Score < all.Pillars[0].Score {
		t.Fatalf("waived %v vs unwaived %v", s.Pillars[0], all.Pillars[0])
	}
}
