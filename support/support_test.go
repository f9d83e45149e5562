package support

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBuiltinFollowsTheGuide(t *testing.T) {
	c := Builtin()
	ent, _ := c.Plan("enterprise")
	basic, _ := c.Plan("basic")
	if !ent.Has("tam") || !ent.Has("service_report") || basic.Has("risk_assessment") {
		t.Fatal("entitlements do not follow the guide")
	}
	if time.Duration(ent.Response["business_critical"]) != 15*time.Minute {
		t.Fatalf("enterprise business_critical: %v", ent.Response["business_critical"])
	}
}

func TestGradeFinding(t *testing.T) {
	c := Builtin()
	tests := []struct {
		tier, pillar, sev string
		want              string
		response          time.Duration
		reason            string
	}{
		{"enterprise", "security", "high", "production_impacted", 20 * time.Minute, "exposure"},
		{"business", "reliability", "high", "system_impaired", 8 * time.Hour, "degrades"},
		{"developer", "security", "high", "system_impaired", 8 * time.Hour, "cannot open production_impacted"},
		{"basic", "security", "high", "general", 16 * time.Hour, "cannot open production_impacted"},
		{"enterprise", "cost", "medium", "general", 8 * time.Hour, "has not affected"},
	}
	for _, tt := range tests {
		g, err := c.GradeFinding(tt.tier, tt.pillar, tt.sev)
		if err != nil {
			t.Fatal(err)
		}
		if g.Severity != tt.want || g.Response != tt.response || !strings.Contains(g.Reason, tt.reason) {
			t.Errorf("%s %s %s: %+v", tt.tier, tt.pillar, tt.sev, g)
		}
	}
	if _, err := c.GradeFinding("gold", "security", "high"); err == nil {
		t.Fatal("an unknown plan was graded")
	}
}

func TestLoadRefusesBadOverrides(t *testing.T) {
	write := func(body string) string {
		p := filepath.Join(t.TempDir(), "plans.yaml")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for body, want := range map[string]string{
		"version: 1\nseverities: [{key: general}]\nplans: [{tier: basic, response: {urgent: 1h}}]\n":    "unknown severity \"urgent\"",
		"version: 1\nseverities: [{key: general}]\nplans: [{tier: basic, response: {general: soon}}]\n": "not a response time",
		"version: 1\nsevrities: []\n": "sevrities",
	} {
		if _, err := Load(write(body)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", body, err, want)
		}
	}
}
