package rules

import (
	"strings"
	"testing"

	"github.com/tsa-scanner/tsa/result"
)

func TestSelect(t *testing.T) {
	t.Parallel()
	e, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	ids := func(rules []result.Rule, keep func(result.Rule) bool) string {
		var out []string
		for _, r := range rules {
			if keep(r) {
				out = append(out, r.ID)
			}
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		name            string
		enable, disable []string
		want            func(result.Rule) bool
		wantErr         string
	}{
		{"all", nil, nil, func(result.Rule) bool { return true }, ""},
		{"by pillar", []string{"pillar:security"}, nil, func(r result.Rule) bool { return r.Pillar == "security" }, ""},
		{"by product minus id", []string{"product:cvm"}, []string{"TSA-CVM-201"}, func(r result.Rule) bool { return r.Product == "cvm" && r.ID != "TSA-CVM-201" }, ""},
		{"by severity", nil, []string{"severity:high"}, func(r result.Rule) bool { return r.Severity != "high" }, ""},
		{"two selectors", []string{"TSA-VPC-001", "tsa-cvm-101"}, nil, func(r result.Rule) bool { return r.ID == "TSA-VPC-001" || r.ID == "TSA-CVM-101" }, ""},
		{"unknown id", []string{"TSA-NOPE-001"}, nil, nil, "matches no rule"},
		{"bad pillar", []string{"pillar:speed"}, nil, nil, "pillar is one of"},
		{"bad kind", []string{"colour:red"}, nil, nil, "want a rule id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel, err := e.Select(tt.enable, tt.disable)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := ids(e.Rules(), tt.want)
			if got := ids(sel.Rules(), func(result.Rule) bool { return true }); got != want || got == "" {
				t.Fatalf("got %q, want %q", got, want)
			}
		})
	}
}

func TestCheckParams(t *testing.T) {
	t.Parallel()
	e, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.CheckParams(Params{"TSA-CBS-101": {"max_age_days": 14}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		p    Params
		want string
	}{
		{Params{"TSA-NOPE-001": {"x": 1}}, "no rule TSA-NOPE-001"},
		{Params{"TSA-CBS-101": {"max_age": 14}}, `no parameter "max_age" (it has: max_age_days, warn_age_days)`},
		{Params{"TSA-CBS-101": {"max_age_days": "14"}}, "must be a number"},
		{Params{"TSA-VPC-001": {"ports": 22}}, "must be a list"},
	}
	for _, tt := range tests {
		if err := e.CheckParams(tt.p); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: got %v, want %q", tt.p, err, tt.want)
		}
	}
}
