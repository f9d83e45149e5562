package rules

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// Library is the built-in library, compiled once for every test of the binary.
var Library = sync.OnceValues(func() (*Engine, error) { return New(context.Background(), Options{}) })

// Account is one account's inventory converted once, for evaluating single rules over it
// again and again with a few resources changed (the mutation test).
type Account struct {
	e         *Engine
	uin       string
	resources []inventory.Resource
	coverage  []inventory.Call
	terms     []*ast.Term
	series    map[int]resourceKey // the metric series with data, by index
	params    ast.Value
	now       time.Time
}

// PrepareAccount converts an account's resources once.
func (e *Engine) PrepareAccount(uin string, resources []inventory.Resource, coverage []inventory.Call, now time.Time) (*Account, error) {
	params, err := ast.InterfaceToValue(e.params(nil))
	if err != nil {
		return nil, err
	}
	a := &Account{e: e, uin: uin, resources: resources, coverage: coverage, series: map[int]resourceKey{}, params: params, now: now}
	for i := range resources {
		if k, ok := seriesOf(&resources[i]); ok {
			a.series[i] = k
		}
		v, err := resourceValue(&resources[i])
		if err != nil {
			return nil, err
		}
		a.terms = append(a.terms, ast.NewTerm(v))
	}
	return a, nil
}

// Resources returns the account's resources.
func (a *Account) Resources() []inventory.Resource { return a.resources }

// Key names a resource in Statuses' answer.
func Key(typ, region, id string) string { return typ + " " + region + " " + id }

// Statuses evaluates one rule alone over the account, with the resources at the indexes of
// replace changed (nil: removed) and calls added to the coverage, and returns the status of
// every resource the rule judges, by Key.
func (a *Account) Statuses(ctx context.Context, rule result.Rule, replace map[int]*inventory.Resource, calls []inventory.Call) (map[string]result.Status, error) {
	resources := make([]inventory.Resource, 0, len(a.resources))
	byType := map[string][]*ast.Term{}
	series := map[resourceKey]bool{}
	for i := range a.resources {
		r, term := &a.resources[i], a.terms[i]
		if rep, ok := replace[i]; ok {
			if rep == nil {
				continue
			}
			if k, ok := seriesOf(rep); ok {
				series[k] = true
			}
			v, err := resourceValue(rep)
			if err != nil {
				return nil, err
			}
			r, term = rep, ast.NewTerm(v)
		}
		if k, ok := a.series[i]; ok && replace[i] == nil {
			series[k] = true
		}
		resources = append(resources, *r)
		byType[r.Type] = append(byType[r.Type], term)
	}
	input := inputValue(byType, a.now, a.params)
	q, err := a.e.lib.singleQuery(ctx, rule.Package)
	if err != nil {
		return nil, err
	}
	verdicts, err := a.e.lib.eval(ctx, q, input)
	if err != nil {
		return nil, err
	}
	view := buildView(a.uin, resources, append(append([]inventory.Call{}, a.coverage...), calls...))
	view.series = series
	out := map[string]result.Status{}
	for _, t := range rule.ResourceTypes {
		for _, r := range view.byType[t] {
			out[Key(r.Type, r.Region, r.ID)] = result.Pass
		}
	}
	for _, f := range view.judge(rule, verdicts[rule.Package], &result.RuleResult{}, nil) {
		k := Key(f.ResourceType, f.Region, f.ResourceID)
		if _, judged := out[k]; judged && out[k] != result.Fail {
			out[k] = f.Status
		}
	}
	return out, nil
}

// Strings returns the string constants of a rule's module and of the tsa.lib modules it
// imports: the field names and metric keys it may read.
func (e *Engine) Strings(rule result.Rule) map[string]bool {
	out := map[string]bool{}
	m := e.lib.compiler.Modules[rule.File]
	if m == nil {
		return out
	}
	modules := []*ast.Module{m}
	for _, imp := range m.Imports {
		path := imp.Path.String()
		for _, other := range e.lib.compiler.Modules {
			if other.Package.Path.String() == path && strings.HasPrefix(path, "data.tsa.lib.") {
				modules = append(modules, other)
			}
		}
	}
	for _, mod := range modules {
		ast.WalkTerms(mod, func(t *ast.Term) bool {
			if s, ok := t.Value.(ast.String); ok {
				out[string(s)] = true
			}
			return false
		})
	}
	return out
}

// WithWorkers returns the engine evaluating at most n queries at once.
func (e *Engine) WithWorkers(n int) *Engine {
	c := *e
	c.workers = n
	return &c
}

// evaluateAccount is the grouped evaluation of one account's resources.
func (e *Engine) evaluateAccount(ctx context.Context, resources []inventory.Resource, now time.Time, params map[string]map[string]any) (map[string]*Verdicts, error) {
	groups, err := e.groups()
	if err != nil {
		return nil, err
	}
	in, err := newAccountInput(resources, now, params, groups)
	if err != nil {
		return nil, err
	}
	v, err := e.evaluateGrouped(ctx, []*accountInput{in})
	if err != nil {
		return nil, err
	}
	return v[0], nil
}

// Digests returns the digest of the denials and unknowns of the single query over everything
// and of the grouped evaluation, over one account's resources with default parameters.
func (e *Engine) Digests(ctx context.Context, resources []inventory.Resource, now time.Time) (single, grouped string, err error) {
	s, err := e.Evaluate(ctx, resources, now, e.params(nil))
	if err != nil {
		return "", "", err
	}
	g, err := e.evaluateAccount(ctx, resources, now, e.params(nil))
	if err != nil {
		return "", "", err
	}
	return digest(s), digest(g), nil
}

// digest is a hash of every rule's denials, unknowns and error, whatever their order.
func digest(verdicts map[string]*Verdicts) string {
	var lines []string
	for pkg, v := range verdicts {
		for _, set := range [][]Entry{v.Deny, v.Unknown} {
			for _, e := range set {
				ev, _ := json.Marshal(e.Evidence)
				lines = append(lines, strings.Join([]string{pkg, e.Resource, e.Region, e.ResourceType, e.Message, e.Reason, e.Severity, string(ev)}, "\t"))
			}
		}
		if v.Error != "" {
			lines = append(lines, pkg+"\terror\t"+v.Error)
		}
	}
	sort.Strings(lines)
	h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return fmt.Sprintf("%x (%d lines)", h[:8], len(lines))
}
