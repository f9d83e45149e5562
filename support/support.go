// Package support holds Tencent Cloud's support plans as data — tiers, entitlements, case
// severities and first-response times — and grades a finding's ticket by what its plan allows.
package support

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
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
	NameZH     string `yaml:"name_zh"` // the console's Chinese name
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
	c, err := Parse("support/plans.yaml", builtin)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return c
}

// Parse reads a catalog that replaces the embedded one; name (the file) is used in errors.
// Callers read the file bounded (config.LoadPlans).
func Parse(name string, raw []byte) (*Catalog, error) {
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	c := &Catalog{}
	if err := dec.Decode(c); err != nil {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var errs []string
	bad := func(path, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("%s:%d: %s: %s", name, lineOf(&root, path), path, fmt.Sprintf(format, args...)))
	}
	if len(c.Severities) == 0 {
		bad("severities", "at least one case severity is required")
	}
	if len(c.Plans) == 0 {
		bad("plans", "at least one plan is required")
	}
	known := map[string]bool{}
	for i, s := range c.Severities {
		if s.Key == "" || s.Name == "" {
			bad(fmt.Sprintf("severities.%d", i), "key and name are required")
		}
		if known[s.Key] {
			bad(fmt.Sprintf("severities.%d.key", i), "%q is listed twice", s.Key)
		}
		known[s.Key] = true
	}
	tiers := map[string]bool{}
	for i, p := range c.Plans {
		at := fmt.Sprintf("plans.%d", i)
		switch {
		case p.Tier == "":
			bad(at+".tier", "a tier name is required")
		case tiers[p.Tier]:
			bad(at+".tier", "%q is listed twice", p.Tier)
		}
		tiers[p.Tier] = true
		if len(p.Response) == 0 {
			bad(at+".response", "plan %s opens no case: give at least one response time", p.Tier)
		}
		for sev := range p.Response {
			if !known[sev] {
				bad(at+".response."+sev, "plan %s: response time for unknown severity %q", p.Tier, sev)
			}
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	return c, nil
}

// lineOf returns the line of a dotted key path in a YAML document, or the nearest line above it.
func lineOf(root *yaml.Node, path string) int {
	n, line := root, 1
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, seg := range strings.Split(path, ".") {
		switch n.Kind {
		case yaml.MappingNode:
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg {
					line, n, found = n.Content[i].Line, n.Content[i+1], true
					break
				}
			}
			if !found {
				return line
			}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(seg)
			if err != nil || i >= len(n.Content) {
				return line
			}
			n = n.Content[i]
			line = n.Line
		default:
			return line
		}
	}
	return line
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

// ScannerCeiling is the most severe case a scanner may file: a risk found in configuration has
// not stopped the business, and the guide warns that a case graded above its real impact loses
// the SLA. Business Unavailability and Production System Abnormality are for people who see
// the outage.
const ScannerCeiling = "system_impaired"

// Grade is the severity a ticket is filed at, why, and the plan's first-response time for it.
type Grade struct {
	Severity string        `json:"severity"` // a severity key the plan can open
	Name     string        `json:"name"`     // the guide's name for it
	NameZH   string        `json:"name_zh"`  // the console's Chinese name
	Reason   string        `json:"reason"`
	Response time.Duration `json:"response"` // the plan's first-response time at Severity
	// Deserved is the severity asked for; when the plan cannot open it, Faster says which plan
	// would answer it and how fast.
	Deserved string `json:"deserved"`
	Faster   string `json:"faster,omitempty"`
}

// Grade grades a scanner ticket conservatively: General (Usage Consultation) unless want, the
// ticket policy's grade for the rule, raises it, and never above ScannerCeiling. The grade is
// then lowered to the most severe level the tier can open a case at; when that lowers it, the
// grade says that the finding deserves a faster response than the plan offers.
func (c *Catalog) Grade(tier, want string) (Grade, error) {
	p, ok := c.Plan(tier)
	if !ok {
		return Grade{}, fmt.Errorf("no support plan %q", tier)
	}
	if want == "" {
		want = "general"
	}
	wi, ceiling := c.rank(want), c.rank(ScannerCeiling)
	switch {
	case wi < 0:
		return Grade{}, fmt.Errorf("unknown case severity %q (one of %s)", want, c.keys())
	case ceiling >= 0 && wi < ceiling:
		return Grade{}, fmt.Errorf("tsa never files %s cases: a scanner grades %s at most", want, ScannerCeiling)
	}
	reason := "a configuration risk found by a scan: it has not affected the business yet, so it is a usage consultation"
	if want != "general" {
		reason = fmt.Sprintf("the ticket policy raises this rule to %s (%s)", c.Severities[wi].Name, want)
	}
	for i := wi; i < len(c.Severities); i++ {
		s := c.Severities[i]
		d, ok := p.Response[s.Key]
		if !ok {
			continue
		}
		g := Grade{Severity: s.Key, Name: s.Name, NameZH: s.NameZH, Reason: reason, Response: time.Duration(d), Deserved: want}
		if i != wi {
			g.Reason += fmt.Sprintf("; the %s plan cannot open %s cases, so it is filed as %s", tier, want, s.Key)
			g.Faster = "this finding deserves a faster response than your plan offers"
			if better, d, ok := c.cheapestFor(want); ok {
				g.Faster += fmt.Sprintf(": %s cases get a first response in < %s on the %s plan", c.Severities[wi].Name, FormatResponse(d), better)
			}
		}
		return g, nil
	}
	return Grade{}, fmt.Errorf("plan %s can open no case at %s or below", tier, want)
}

// rank is a severity's position, most severe first; -1 when unknown.
func (c *Catalog) rank(key string) int {
	for i, s := range c.Severities {
		if s.Key == key {
			return i
		}
	}
	return -1
}

func (c *Catalog) keys() string {
	var out []string
	for _, s := range c.Severities {
		out = append(out, s.Key)
	}
	return strings.Join(out, ", ")
}

// Severity returns a case severity by key.
func (c *Catalog) Severity(key string) (Severity, bool) {
	if i := c.rank(key); i >= 0 {
		return c.Severities[i], true
	}
	return Severity{}, false
}

// cheapestFor is the first plan, in the file's order (cheapest first), that opens cases at sev.
func (c *Catalog) cheapestFor(sev string) (string, time.Duration, bool) {
	for _, p := range c.Plans {
		if d, ok := p.Response[sev]; ok {
			return p.Tier, time.Duration(d), true
		}
	}
	return "", 0, false
}

// FormatResponse writes a response time the way the guide does: 15m, 8h.
func FormatResponse(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	if d%time.Minute == 0 {
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// Tiers lists the built-in plans' tiers, lowest first.
func Tiers() []string {
	var out []string
	for _, p := range Builtin().Plans {
		out = append(out, p.Tier)
	}
	return out
}
