package scanner

import (
	"context"
	"strings"
	"testing"

	"github.com/tsa-scanner/tsa/config"
)

func TestExampleConfigBuildsAnEvaluation(t *testing.T) {
	cfg, err := config.Load("../docs/config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := EvaluationFrom(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ev.Engine.Rule("TSA-CVM-302"); ok {
		t.Error("TSA-CVM-302 survived rules.disable")
	}
	if len(ev.Waivers) != 2 || ev.Scoring.Caps["high"] != 30 {
		t.Fatalf("waivers %d, scoring %+v", len(ev.Waivers), ev.Scoring)
	}
}

func TestEvaluationRefusesBadOverrides(t *testing.T) {
	tests := []struct {
		yaml, want string
	}{
		{"rules:\n  params:\n    TSA-CBS-101: {max_age: 3}\n", `no parameter "max_age"`},
		{"rules:\n  enable: [pillar:speed]\n", "pillar is one of"},
		{"accounts:\n  - uin: \"100012345678\"\n    params:\n      TSA-VPC-001: {ports: 22}\n", "account 100012345678"},
	}
	for _, tt := range tests {
		raw := tt.yaml
		if !strings.Contains(raw, "accounts:") {
			raw += "accounts:\n  - uin: \"100012345678\"\n"
		}
		cfg, err := config.Parse("tsa.yaml", []byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := EvaluationFrom(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want %q", tt.yaml, err, tt.want)
		}
	}
}
