// Package support holds Tencent Cloud's support plans as data — tiers, entitlements, case
// severities and first-response times — and grades a finding's ticket by what its plan allows.
package support

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"time"

	"gopkg.in/yaml.v3"
)

//go:embed plans.yaml
var builtin []byte

// Catalog is the set of plans and case severities.
type Catalog struct {
	Version    int        `yaml:"version"`
	Severities []Severity `yaml:"severities"`
	Plans      []Plan     `yaml:"plans"`
}

// Severity is a case severity, as the support guide defines it.
type Severity struct {
	Key        string `yaml:"key"`
	Name       string `yaml:"name"`
	Definition string `yaml:"definition"`
}

// Plan is one support tier.
type Plan struct {
	Tier         string              `yaml:"tier"`
	Entitlements []string            `yaml:"entitlements"`
	Response     map[string]Duration `yaml:"response"` // severity key → first-response time
}

// Duration is a time.Duration written as "15m" or "8h".
type Duration time.Duration

// UnmarshalYAML reads a Go duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil || v <= 0 {
		return fmt.Errorf("line %d: %q is not a response time (write e.g. 15m or 8h)", n.Line, n.Value)
	}
	*d = Duration(v)
	return nil
}

// Builtin returns the embedded catalog.
func Builtin() *Catalog {
	c, err := parse("support/plans.yaml", builtin)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return c
}

// Load reads a catalog that replaces the embedded one.
func Load(path string) (*Catalog, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading support plans: %w", err)
	}
	return parse(path, raw)
}

func parse(name string, raw []byte) (*Catalog, error) {
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	c := &Catalog{}
	if err := dec.Decode(c); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	known := map[string]bool{}
	for _, s := range c.Severities {
		known[s.Key] = true
	}
	if len(c.Severities) == 0 || len(c.Plans) == 0 {
		return nil, fmt.Errorf("%s: severities and plans are required", name)
	}
	for _, p := range c.Plans {
		for sev := range p.Response {
			if !known[sev] {
				return nil, fmt.Errorf("%s: plan %s: response time for unknown severity %q", name, p.Tier, sev)
			}
		}
	}
	return c, nil
}

// Plan returns the plan of a tier.
func (c *Catalog) Plan(tier string) (Plan, bool) {
	for _, p := range c.Plans {
		if p.Tier == tier {
			return p, true
		}
	}
	return Plan{}, false
}

// Has reports whether the plan includes an entitlement (risk_assessment, tam, service_report, …).
func (p Plan) Has(entitlement string) bool {
	for _, e := range p.Entitlements {
		if e == entitlement {
			return true
		}
	}
	return false
}

// Grade is the severity a ticket for a finding is filed at, with the reason for the grade and
// the plan's first-response deadline.
type Grade struct {
	Severity string        `json:"severity"`
	Reason   string        `json:"reason"`
	Response time.Duration `json:"response"`
}

// GradeFinding grades conservatively, as the guide asks: a risk found by a scan has not stopped
// the business, so it is never business_critical. A high finding is production_impacted when it
// is a security exposure or an expiry about to stop a service, otherwise system_impaired; medium
// and low findings are general. The grade is then lowered to the most severe level the plan can
// open a case at.
func (c *Catalog) GradeFinding(tier, pillar, findingSeverity string) (Grade, error) {
	p, ok := c.Plan(tier)
	if !ok {
		return Grade{}, fmt.Errorf("no support plan %q", tier)
	}
	want, reason := "general", "a "+findingSeverity+" risk that has not affected the business"
	if findingSeverity == "high" {
		switch pillar {
		case "security", "service_limits":
			want, reason = "production_impacted", "a high "+pillar+" risk that can take production down if left (exposure or imminent expiry)"
		default:
			want, reason = "system_impaired", "a high "+pillar+" risk that degrades the system without stopping it"
		}
	}
	start := -1
	for i, s := range c.Severities {
		if s.Key == want {
			start = i
		}
	}
	for i := start; i >= 0 && i < len(c.Severities); i++ {
		key := c.Severities[i].Key
		if d, ok := p.Response[key]; ok {
			if key != want {
				reason += fmt.Sprintf("; the %s plan cannot open %s cases, so it is filed as %s", tier, want, key)
			}
			return Grade{Severity: key, Reason: reason, Response: time.Duration(d)}, nil
		}
	}
	return Grade{}, fmt.Errorf("plan %s can open no case at %s or below", tier, want)
}

// Tiers lists the built-in plans' tiers, lowest first.
func Tiers() []string {
	var out []string
	for _, p := range Builtin().Plans {
		out = append(out, p.Tier)
	}
	return out
}
