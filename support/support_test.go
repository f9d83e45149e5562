package support

import (
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

// TestGradeEveryTierAndSeverity grades what a policy may ask for on every tier: General is
// always filed as asked; System impaired is filed as asked where the tier opens it and lowered,
// with the "deserves a faster response" note, where it does not; the two top severities are
// refused whatever the tier, because a scanner never grades them.
func TestGradeEveryTierAndSeverity(t *testing.T) {
	c := Builtin()
	tests := []struct {
		tier, want string
		severity   string
		response   time.Duration
		faster     bool
		err        string
	}{
		{"basic", "general", "general", 16 * time.Hour, false, ""},
		{"basic", "system_impaired", "general", 16 * time.Hour, true, ""},
		{"basic", "production_impacted", "", 0, false, "never files production_impacted"},
		{"basic", "business_critical", "", 0, false, "never files business_critical"},
		{"developer", "general", "general", 16 * time.Hour, false, ""},
		{"developer", "system_impaired", "system_impaired", 8 * time.Hour, false, ""},
		{"developer", "production_impacted", "", 0, false, "never files"},
		{"developer", "business_critical", "", 0, false, "never files"},
		{"business", "general", "general", 16 * time.Hour, false, ""},
		{"business", "system_impaired", "system_impaired", 8 * time.Hour, false, ""},
		{"business", "production_impacted", "", 0, false, "never files"},
		{"business", "business_critical", "", 0, false, "never files"},
		{"enterprise", "general", "general", 8 * time.Hour, false, ""},
		{"enterprise", "system_impaired", "system_impaired", 4 * time.Hour, false, ""},
		{"enterprise", "production_impacted", "", 0, false, "never files"},
		{"enterprise", "business_critical", "", 0, false, "never files"},
		{"enterprise", "", "general", 8 * time.Hour, false, ""},
		{"enterprise", "urgent", "", 0, false, "unknown case severity \"urgent\""},
		{"gold", "general", "", 0, false, "no support plan \"gold\""},
	}
	for _, tt := range tests {
		t.Run(tt.tier+"/"+tt.want, func(t *testing.T) {
			t.Parallel()
			g, err := c.Grade(tt.tier, tt.want)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %+v, %v; want error %q", g, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if g.Severity != tt.severity || g.Response != tt.response || (g.Faster != "") != tt.faster || g.Reason == "" {
				t.Fatalf("got %+v", g)
			}
			if tt.faster && (!strings.Contains(g.Faster, "deserves a faster response than your plan offers") ||
				!strings.Contains(g.Faster, "developer plan") || !strings.Contains(g.Reason, "cannot open system_impaired")) {
				t.Fatalf("the lowered grade does not explain itself: %+v", g)
			}
		})
	}
}

func TestParseRefusesBadOverrides(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]string{
		"version: 1\nseverities: [{key: general}]\nplans: [{tier: basic, response: {urgent: 1h}}]\n":    "unknown severity \"urgent\"",
		"version: 1\nseverities: [{key: general}]\nplans: [{tier: basic, response: {general: soon}}]\n": "not a response time",
		"version: 1\nsevrities: []\n": "sevrities",
		"version: 1\nseverities: [{key: general, name: G}]\nplans:\n  - tier: basic\n    response: {general: 1h}\n  - tier: basic\n    response: {general: 2h}\n": ":6: plans.1.tier: \"basic\" is listed twice",
		"version: 1\nseverities: [{key: general, name: G}]\nplans:\n  - tier: basic\n    response:\n      urgent: 1h\n":                                           ":6: plans.0.response.urgent",
	} {
		if _, err := Parse("plans.yaml", []byte(body)); err == nil || !strings.Contains(err.Error(), "plans.yaml") || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", body, err, want)
		}
	}
}
