package tickets

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/support"
)

// Policy decides which findings become tickets, how they are grouped and graded.
type Policy struct {
	rules      map[string]result.Rule // the rule library, by id
	selected   map[string]bool        // rule ids asked for; nil: all
	severities map[string]bool
	pillars    map[string]bool
	excluded   map[string]bool
	perFinding bool
	limit      int
	grades     map[string]string // rule id → case severity asked for
	catalog    *support.Catalog
	plans      map[string]string // account → tier
	fallback   string            // the tier of accounts not in plans
}

// NewPolicy checks the tickets section against the rule library and the support plans and
// compiles it. plans maps each account to its tier; an account not in it is on the default plan.
func NewPolicy(cfg config.Tickets, rules []result.Rule, catalog *support.Catalog, plans map[string]string) (*Policy, error) {
	p := &Policy{rules: map[string]result.Rule{}, catalog: catalog, plans: plans, perFinding: cfg.Group == "finding",
		limit: cfg.Limit, grades: map[string]string{}}
	if p.limit == 0 {
		p.limit = config.DefaultTicketLimit
	}
	for _, r := range rules {
		p.rules[r.ID] = r
	}
	var errs []string
	set := func(field string, values, known []string, what string) map[string]bool {
		if len(values) == 0 {
			return nil
		}
		m := map[string]bool{}
		for i, v := range values {
			if known != nil && !oneOf(v, known) {
				errs = append(errs, fmt.Sprintf("tickets.%s.%d: unknown %s %q (one of %s)", field, i, what, v, strings.Join(known, ", ")))
			}
			m[v] = true
		}
		return m
	}
	p.severities = set("severities", cfg.Severities, result.Severities, "severity")
	p.pillars = set("pillars", cfg.Pillars, result.Pillars, "pillar")
	p.excluded = set("exclude_accounts", cfg.ExcludeAccounts, nil, "")
	p.selected = set("rules", cfg.Rules, nil, "")
	for i, id := range cfg.Rules {
		if _, ok := p.rules[id]; !ok {
			errs = append(errs, fmt.Sprintf("tickets.rules.%d: unknown rule %q, or one rules.enable/disable leaves out (see tsa rules list)", i, id))
		}
	}
	ids := make([]string, 0, len(cfg.Grades))
	for id := range cfg.Grades {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		sev := cfg.Grades[id]
		if _, ok := p.rules[id]; !ok {
			errs = append(errs, fmt.Sprintf("tickets.grades.%s: unknown rule %q, or one rules.enable/disable leaves out (see tsa rules list)", id, id))
		}
		// Grading with the most generous tier tells a bad severity from one a tier lowers.
		if _, err := catalog.Grade(catalog.Plans[len(catalog.Plans)-1].Tier, sev); err != nil {
			errs = append(errs, fmt.Sprintf("tickets.grades.%s: %v", id, err))
		}
		p.grades[id] = sev
	}
	for acct, tier := range plans {
		if _, ok := catalog.Plan(tier); !ok {
			errs = append(errs, fmt.Sprintf("account %s: plan %q is not in the support plans", acct, tier))
		}
	}
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	return p, nil
}

// Selects reports whether a finding's rule and account get tickets.
func (p *Policy) Selects(ruleID, account string) bool {
	r, ok := p.rules[ruleID]
	switch {
	case !ok || p.excluded[account]:
		return false
	case p.selected != nil && !p.selected[ruleID]:
		return false
	case p.severities != nil && !p.severities[r.Severity]:
		return false
	case p.pillars != nil && !p.pillars[r.Pillar]:
		return false
	}
	return true
}

// summaryKey is the key of the one ticket that lists what the per-run limit held back.
const summaryKey = "summary"

// Key is a finding's stable ticket key: rule and account, plus region and resource when tickets
// are per finding.
func (p *Policy) Key(f result.Finding) string {
	if p.perFinding {
		return strings.Join([]string{f.RuleID, f.Account, f.Region, f.ResourceID}, "|")
	}
	return f.RuleID + "|" + f.Account
}

// Plan is an account's support tier.
func (p *Policy) Plan(account string) string {
	if t, ok := p.plans[account]; ok {
		return t
	}
	if p.fallback != "" {
		return p.fallback
	}
	return config.DefaultPlan
}

// Grade grades a rule's ticket for an account.
func (p *Policy) Grade(ruleID, account string) (support.Grade, error) {
	return p.catalog.Grade(p.Plan(account), p.grades[ruleID])
}
