package scanner

import (
	"testing"

	"github.com/tsa-scanner/tsa/result"
)

func rule(id, pillar, sev, row string) result.Rule {
	return result.Rule{ID: id, Pillar: pillar, Severity: sev, Catalogue: row}
}

// fails are n failing findings of a rule on distinct resources.
func fails(id, sev string, n int) []result.Finding {
	out := make([]result.Finding, n)
	for i := range out {
		out[i] = result.Finding{RuleID: id, Severity: sev, Status: result.Fail, Account: "1", ResourceID: string(rune('a'+i%26)) + string(rune('a'+i/26))}
	}
	return out
}

func TestScoreFollowsTSAMethod(t *testing.T) {
	k := result.DefaultScoring()
	tests := []struct {
		name     string
		results  []result.RuleResult
		findings []result.Finding
		want     float64 // security pillar
	}{
		{"large estate, high ratio: -3", []result.RuleResult{{Rule: rule("A", "security", "high", ""), Fail: 10, Pass: 110}}, fails("A", "high", 10), 97},
		{"large estate, low ratio: third row", []result.RuleResult{{Rule: rule("A", "security", "high", ""), Fail: 2, Pass: 198}}, fails("A", "high", 2), 99},
		{"small estate, > 10 risky: -2", []result.RuleResult{{Rule: rule("A", "security", "high", ""), Fail: 11, Pass: 20}}, fails("A", "high", 11), 98},
		{"small estate, exactly 10 risky: third row", []result.RuleResult{{Rule: rule("A", "security", "medium", ""), Fail: 10, Pass: 20}}, fails("A", "medium", 10), 99.5},
		{"medium cap 10", func() []result.RuleResult {
			var r []result.RuleResult
			for _, id := range []string{"A", "B", "C", "D", "E", "F"} {
				r = append(r, result.RuleResult{Rule: rule(id, "security", "medium", ""), Fail: 20, Pass: 100})
			}
			return r
		}(), func() []result.Finding {
			var f []result.Finding
			for _, id := range []string{"A", "B", "C", "D", "E", "F"} {
				f = append(f, fails(id, "medium", 20)...)
			}
			return f
		}(), 90},
		{"one TSA item implemented by two rules deducts once, at the worst severity",
			[]result.RuleResult{{Rule: rule("A", "security", "medium", "SEC-01"), Fail: 1, Pass: 5}, {Rule: rule("B", "security", "high", "SEC-01"), Fail: 1, Pass: 5}},
			append(fails("A", "medium", 1), result.Finding{RuleID: "B", Severity: "high", Status: result.Fail, Account: "1", ResourceID: "x"}), 99},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := Score(Assessed{Rules: tt.results, Findings: tt.findings}, k)
			if got := s.Pillars[0].Score; got != tt.want {
				t.Fatalf("security %v, want %v", got, tt.want)
			}
			if s.Overall != round1((tt.want+400)/5) || s.Upper != s.Overall {
				t.Fatalf("overall %v upper %v", s.Overall, s.Upper)
			}
		})
	}
	if result.Band(85) != "green" || result.Band(84.9) != "orange" || result.Band(61) != "orange" || result.Band(60) != "red" {
		t.Fatal("bands")
	}
}

func TestUnknownItemsMakeARange(t *testing.T) {
	t.Parallel()
	k := result.DefaultScoring()
	results := []result.RuleResult{
		{Rule: rule("A", "security", "high", "SEC-01"), Fail: 1, Pass: 50},
		{Rule: rule("B", "security", "medium", "SEC-02"), Pass: 40, Unknown: 2},
		{Rule: rule("C", "cost", "medium", ""), Pass: 9},
	}
	s := Score(Assessed{Rules: results, Findings: fails("A", "high", 1)}, k)
	sec := s.Pillars[0]
	// Upper: SEC-01 deducts its third row (1); lower: SEC-02 unknown deducts medium's worst (2).
	if sec.Upper != 99 || sec.Score != 97 || sec.Items != 2 {
		t.Fatalf("security %+v", sec)
	}
	if s.Overall != round1((97+400)/5.0) || s.Upper != round1((99+400)/5.0) {
		t.Fatalf("overall %v..%v", s.Overall, s.Upper)
	}
	if s.Band != "orange" || sec.OpenHigh != 1 || s.OpenHigh != 1 {
		t.Fatalf("a high security finding is open, yet band %s (open high %d)", s.Band, s.OpenHigh)
	}
	if !s.ThirdRowDefault || s.ThirdRow["high"] != 1 || s.ThirdRow["medium"] != 0.5 {
		t.Fatalf("third row %v default %v", s.ThirdRow, s.ThirdRowDefault)
	}
}

func TestNothingJudgedIsNotAPerfectScore(t *testing.T) {
	t.Parallel()
	k := result.DefaultScoring()
	results := []result.RuleResult{
		{Rule: rule("A", "security", "high", ""), Unknown: 2},
		{Rule: rule("B", "cost", "medium", ""), Pass: 3},
	}
	s := Score(Assessed{Rules: results}, k)
	if s.Pillars[0].Band != result.NotAssessed || s.Pillars[0].Score != 97 || s.Pillars[0].Upper != 100 || !s.Partial {
		t.Fatalf("security unread, cost clean: %+v", s.Pillars[0])
	}
	if s.Band != result.Withheld || s.Coverage != 0.6 {
		t.Fatalf("coverage %v: band %s", s.Coverage, s.Band)
	}
	var unread []result.RuleResult
	for _, p := range result.Pillars {
		unread = append(unread, result.RuleResult{Rule: rule(p, p, "high", ""), Unknown: 1})
	}
	s = Score(Assessed{Rules: unread}, k)
	if s.Band != result.NotAssessed || s.Overall >= s.Upper {
		t.Fatalf("nothing judged scored %v..%v %s", s.Overall, s.Upper, s.Band)
	}
}

func TestRulesLeftOutLowerTheScore(t *testing.T) {
	t.Parallel()
	k := result.DefaultScoring()
	a := rule("A", "security", "high", "")
	b := rule("B", "reliability", "medium", "")
	full := Score(Assessed{Rules: []result.RuleResult{{Rule: a, Fail: 1, Pass: 4}, {Rule: b, Pass: 5}}, Findings: fails("A", "high", 1)}, k)
	noA := Score(Assessed{Rules: []result.RuleResult{{Rule: b, Pass: 5}}, NotRun: []result.Rule{a}}, k)
	if noA.Overall > full.Overall || noA.Pillars[0].Band != result.NotAssessed || noA.Pillars[0].NotRun != 1 {
		t.Fatalf("disabling the failing rule: %v (%+v) vs full %v", noA.Overall, noA.Pillars[0], full.Overall)
	}
}

func TestScorePerAccount(t *testing.T) {
	t.Parallel()
	k := result.DefaultScoring()
	a := rule("A", "security", "high", "")
	f := fails("A", "high", 1)
	f[0].Account = "2"
	s := Score(Assessed{
		Rules:    []result.RuleResult{{Rule: a, Fail: 1, Pass: 1}},
		Accounts: map[string][]result.RuleResult{"1": {{Rule: a, Pass: 1}}, "2": {{Rule: a, Fail: 1}}},
		Findings: f,
	}, k)
	if len(s.Accounts) != 2 || s.Accounts[0].Account != "1" || s.Accounts[0].Overall != 100 || s.Accounts[1].Pillars[0].Score != 99 || s.Accounts[1].OpenHigh != 1 {
		t.Fatalf("per account: %+v", s.Accounts)
	}
}
