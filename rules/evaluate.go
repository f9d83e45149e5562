package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"golang.org/x/sync/errgroup"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// Assessment is the rules' verdict on an inventory: every non-passing finding, and per-rule
// counts including passes.
type Assessment struct {
	Findings []result.Finding    `json:"findings"`
	Rules    []result.RuleResult `json:"rules"`
	// Accounts holds the per-rule counts of each account (by UIN), for per-account scores.
	Accounts map[string][]result.RuleResult `json:"accounts"`
}

// Params are per-rule parameter overrides, by rule id.
type Params map[string]map[string]any

// Assess evaluates every rule over each account of the inventory, in parallel, and decides each
// rule × resource status: fail if denied, unknown if the data behind it could not be read,
// else pass. paramsFor returns the overrides for an account (nil for none).
func (e *Engine) Assess(ctx context.Context, inv *inventory.Inventory, now time.Time, paramsFor func(account string) Params) (*Assessment, error) {
	accounts := map[string][]inventory.Resource{}
	for _, r := range inv.Resources {
		accounts[r.Account] = append(accounts[r.Account], r)
	}
	perAccount := make([][]result.Finding, len(inv.Accounts))
	counts := make([]map[string]*result.RuleResult, len(inv.Accounts))
	g, gctx := errgroup.WithContext(ctx)
	for i, acct := range inv.Accounts {
		g.Go(func() error {
			var params Params
			if paramsFor != nil {
				params = paramsFor(acct.UIN)
			}
			findings, c, err := e.assessAccount(gctx, acct, accounts[acct.UIN], inv.Coverage, now, params)
			if err != nil {
				return fmt.Errorf("account %s: %w", acct.UIN, err)
			}
			perAccount[i], counts[i] = findings, c
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := &Assessment{Accounts: map[string][]result.RuleResult{}}
	for _, f := range perAccount {
		out.Findings = append(out.Findings, f...)
	}
	for i, acct := range inv.Accounts {
		for _, r := range e.rules {
			if rr := counts[i][r.ID]; rr != nil {
				out.Accounts[acct.UIN] = append(out.Accounts[acct.UIN], *rr)
			}
		}
	}
	for _, r := range e.rules {
		total := result.RuleResult{Rule: r}
		for _, c := range counts {
			if rr := c[r.ID]; rr != nil {
				total.Fail += rr.Fail
				total.Pass += rr.Pass
				total.Unknown += rr.Unknown
			}
		}
		out.Rules = append(out.Rules, total)
	}
	result.SortFindings(out.Findings)
	return out, nil
}

// denial is one entry of a rule's deny set.
type denial struct {
	Resource     string         `json:"resource"`
	Message      string         `json:"message"`
	Evidence     map[string]any `json:"evidence"`
	Severity     string         `json:"severity"`
	Region       string         `json:"region"`
	ResourceType string         `json:"resource_type"`
}

func (e *Engine) assessAccount(ctx context.Context, acct inventory.Account, resources []inventory.Resource,
	coverage []inventory.Call, now time.Time, overrides Params) ([]result.Finding, map[string]*result.RuleResult, error) {
	counts := map[string]*result.RuleResult{}
	for _, r := range e.rules {
		counts[r.ID] = &result.RuleResult{Rule: r}
	}
	var findings []result.Finding
	if acct.Error != "" {
		// Nothing of this account was read: every rule is unknown for it.
		for _, r := range e.rules {
			findings = append(findings, unknownFinding(r, acct.UIN, "", "", "account could not be scanned: "+acct.Error))
			counts[r.ID].Unknown++
		}
		return findings, counts, nil
	}
	denials, err := e.Evaluate(ctx, resources, now, e.params(overrides))
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[string]*inventory.Resource, len(resources))
	byType := map[string][]*inventory.Resource{}
	for i := range resources {
		r := &resources[i]
		byID[r.Type+"\x00"+r.ID] = r
		byType[r.Type] = append(byType[r.Type], r)
	}
	for _, rule := range e.rules {
		failed := map[string]bool{}
		for _, d := range denials[rule.Package] {
			res := findResource(byID, rule.ResourceTypes, d)
			f := result.Finding{
				RuleID: rule.ID, Title: rule.Title, Pillar: rule.Pillar, Severity: rule.Severity, Status: result.Fail,
				Account: acct.UIN, Region: d.Region, ResourceType: d.ResourceType, ResourceID: d.Resource,
				Message: d.Message, Evidence: d.Evidence,
			}
			if oneOf(d.Severity, result.Severities) {
				f.Severity = d.Severity
			}
			if res != nil {
				f.ResourceType, f.ResourceName, f.Tags = res.Type, res.Name, res.Tags
				if f.Region == "" {
					f.Region = res.Region
				}
				failed[res.Type+"\x00"+res.ID] = true
			}
			f.ID = result.Fingerprint(rule.ID, acct.UIN, f.Region, f.ResourceID)
			findings = append(findings, f)
			counts[rule.ID].Fail++
		}
		for _, t := range rule.ResourceTypes {
			for _, res := range byType[t] {
				key := res.Type + "\x00" + res.ID
				switch {
				case failed[key]:
				case len(res.Gaps) > 0:
					f := unknownFinding(rule, acct.UIN, res.Region, res.ID, gapReason(res.Gaps))
					f.ResourceType, f.ResourceName, f.Tags = res.Type, res.Name, res.Tags
					findings = append(findings, f)
					counts[rule.ID].Unknown++
				default:
					counts[rule.ID].Pass++
				}
			}
		}
		// A list call that failed hides every resource of its types in that region.
		for _, c := range coverage {
			if c.Account != acct.UIN || c.OK || !(overlaps(c.ResourceTypes, rule.ResourceTypes) || overlaps(c.ResourceTypes, rule.Joins)) {
				continue
			}
			f := unknownFinding(rule, acct.UIN, c.Region, "", fmt.Sprintf("%s failed with %s: %s", c.Action, c.Code, c.Message))
			findings = append(findings, f)
			counts[rule.ID].Unknown++
		}
	}
	return findings, counts, nil
}

func unknownFinding(rule result.Rule, account, region, resourceID, reason string) result.Finding {
	scope := resourceID
	if scope == "" {
		scope = "*"
	}
	return result.Finding{
		ID:     result.Fingerprint(rule.ID, account, region, scope),
		RuleID: rule.ID, Title: rule.Title, Pillar: rule.Pillar, Severity: rule.Severity, Status: result.Unknown,
		Account: account, Region: region, ResourceID: scope,
		Message: "not assessed: " + reason,
	}
}

func gapReason(gaps []inventory.Gap) string {
	parts := make([]string, len(gaps))
	for i, g := range gaps {
		parts[i] = g.Action + " failed with " + g.Code
	}
	return strings.Join(parts, "; ")
}

func findResource(byID map[string]*inventory.Resource, types []string, d denial) *inventory.Resource {
	if d.ResourceType != "" {
		return byID[d.ResourceType+"\x00"+d.Resource]
	}
	for _, t := range types {
		if r, ok := byID[t+"\x00"+d.Resource]; ok {
			return r
		}
	}
	return nil
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if oneOf(x, b) {
			return true
		}
	}
	return false
}

// params merges each rule's METADATA defaults with the overrides.
func (e *Engine) params(overrides Params) map[string]map[string]any {
	out := make(map[string]map[string]any, len(e.rules))
	for _, r := range e.rules {
		p := make(map[string]any, len(r.Params))
		for k, v := range r.Params {
			p[k] = v
		}
		for k, v := range overrides[r.ID] {
			p[k] = v
		}
		out[r.ID] = p
	}
	return out
}

// Evaluate runs every rule once over one account's resources and returns the denials by rule
// package. The input is built as an ast.Value directly, grouped by resource type, so OPA does
// no JSON round trip and each rule iterates only the resources it inspects.
func (e *Engine) Evaluate(ctx context.Context, resources []inventory.Resource, now time.Time, params map[string]map[string]any) (map[string][]denial, error) {
	input, err := buildInput(resources, now, params)
	if err != nil {
		return nil, err
	}
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		return nil, fmt.Errorf("evaluating rules: %w", err)
	}
	out := map[string][]denial{}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return out, nil
	}
	byPackage, _ := rs[0].Expressions[0].Value.(map[string]any)
	for _, r := range e.rules {
		raw, _ := byPackage[r.Package].([]any)
		for _, item := range raw {
			b, err := json.Marshal(item)
			if err != nil {
				return nil, err
			}
			var d denial
			if err := json.Unmarshal(b, &d); err != nil || d.Resource == "" {
				return nil, fmt.Errorf("rule %s (%s): a deny entry must be an object with a string \"resource\": %s", r.ID, r.File, b)
			}
			out[r.Package] = append(out[r.Package], d)
		}
	}
	return out, nil
}

// buildInput makes {"now", "params", "resources": {type: [resource…]}} as an ast.Value.
func buildInput(resources []inventory.Resource, now time.Time, params map[string]map[string]any) (ast.Value, error) {
	byType := map[string][]*ast.Term{}
	for i := range resources {
		v, err := resourceValue(&resources[i])
		if err != nil {
			return nil, fmt.Errorf("resource %s %s: %w", resources[i].Type, resources[i].ID, err)
		}
		byType[resources[i].Type] = append(byType[resources[i].Type], ast.NewTerm(v))
	}
	grouped := ast.NewObject()
	for t, terms := range byType {
		grouped.Insert(ast.StringTerm(t), ast.ArrayTerm(terms...))
	}
	p, err := ast.InterfaceToValue(params)
	if err != nil {
		return nil, err
	}
	return ast.NewObject(
		[2]*ast.Term{ast.StringTerm("now"), ast.StringTerm(now.UTC().Format(time.RFC3339))},
		[2]*ast.Term{ast.StringTerm("params"), ast.NewTerm(p)},
		[2]*ast.Term{ast.StringTerm("resources"), ast.NewTerm(grouped)},
	), nil
}

func resourceValue(r *inventory.Resource) (ast.Value, error) {
	data, err := ast.ValueFromReader(bytes.NewReader(r.Data))
	if err != nil {
		return nil, err
	}
	related := ast.NewObject()
	for k, raw := range r.Related {
		v, err := ast.ValueFromReader(bytes.NewReader(raw))
		if err != nil {
			return nil, err
		}
		related.Insert(ast.StringTerm(k), ast.NewTerm(v))
	}
	tags := ast.NewObject()
	for k, v := range r.Tags {
		tags.Insert(ast.StringTerm(k), ast.StringTerm(v))
	}
	return ast.NewObject(
		[2]*ast.Term{ast.StringTerm("type"), ast.StringTerm(r.Type)},
		[2]*ast.Term{ast.StringTerm("id"), ast.StringTerm(r.ID)},
		[2]*ast.Term{ast.StringTerm("name"), ast.StringTerm(r.Name)},
		[2]*ast.Term{ast.StringTerm("account"), ast.StringTerm(r.Account)},
		[2]*ast.Term{ast.StringTerm("region"), ast.StringTerm(r.Region)},
		[2]*ast.Term{ast.StringTerm("zone"), ast.StringTerm(r.Zone)},
		[2]*ast.Term{ast.StringTerm("tags"), ast.NewTerm(tags)},
		[2]*ast.Term{ast.StringTerm("data"), ast.NewTerm(data)},
		[2]*ast.Term{ast.StringTerm("related"), ast.NewTerm(related)},
	), nil
}
