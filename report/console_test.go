package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// TestSummaryShowsRetriesAndTheGrant: the summary counts retries and throttles, and a permission
// failure names the CAM action to grant.
func TestSummaryShowsRetriesAndTheGrant(t *testing.T) {
	res := &result.Scan{
		Coverage: result.Coverage{Planned: 2, OK: 1, Failed: 1, Failures: []inventory.Call{{
			Account: "100012345678", Region: "ap-guangzhou", Action: "cvm:DescribeInstances",
			Code: "UnauthorizedOperation", Message: "you are not authorized", Grant: "cvm:DescribeInstances",
		}}},
		Calls: []result.ActionStats{
			{Action: "cvm:DescribeInstances", Calls: 3, Errors: 1},
			{Action: "vpc:DescribeSecurityGroupPolicies", Calls: 12, Retries: 4, Throttles: 3, Errors: 4},
		},
	}
	var out bytes.Buffer
	Summary(&out, res, SummaryOptions{Top: 10})
	for _, want := range []string{
		"Calls     15 API calls, 4 retries, 3 throttled, 5 errors",
		"UNREAD  100012345678 ap-guangzhou cvm:DescribeInstances: UnauthorizedOperation — you are not authorized (grant cvm:DescribeInstances to the scanning role)",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the summary lacks %q:\n%s", want, out.String())
		}
	}
}

func TestTopFindingsShowOneOfEachRuleFirst(t *testing.T) {
	f := func(rule, sev, res string) result.Finding {
		return result.Finding{RuleID: rule, Severity: sev, Status: result.Fail, ResourceID: res}
	}
	all := []result.Finding{f("A", "high", "1"), f("A", "high", "2"), f("A", "high", "3"), f("B", "high", "1"), f("C", "medium", "1"),
		{RuleID: "D", Severity: "high", Status: result.Unknown, ResourceID: "*"}}
	result.SortFindings(all)
	got := topFindings(all, 4)
	var ids []string
	for _, x := range got {
		ids = append(ids, x.RuleID+x.ResourceID)
	}
	if strings.Join(ids, ",") != "A1,A2,B1,C1" {
		t.Fatalf("top findings %v", ids)
	}
}

// The headline gives the score's range when unknown items could move it, and words for a
// withheld band.
func TestHeadlineShowsRangeAndWithheld(t *testing.T) {
	s := &result.Scan{Scores: result.Scores{Overall: 79.6, Upper: 92.1, Coverage: 0.795, Band: result.Withheld}}
	got := headline(s)
	for _, want := range []string{"WITHHELD — too much could not be read", "range 79.6–92.1", "80% judged"} {
		if !strings.Contains(got, want) {
			t.Errorf("headline %q lacks %q", got, want)
		}
	}
	s.Scores = result.Scores{Overall: 90, Upper: 90, Coverage: 1, Band: "green"}
	if got := headline(s); strings.Contains(got, "range") {
		t.Errorf("a fully judged score shows a range: %q", got)
	}
}
