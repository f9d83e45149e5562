package rules

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"golang.org/x/sync/errgroup"

	"github.com/tsa-scanner/tsa/inventory"
)

// accountInput is one account's input, converted to AST a resource type at a time when a group
// first needs it and dropped after the last group that reads it, so the AST of the whole
// inventory (ten times its JSON) is never held at once.
type accountInput struct {
	now    time.Time
	params ast.Value
	byType map[string][]*inventory.Resource
	types  []string // every type present, sorted

	mu    sync.Mutex
	terms map[string]*typeTerms
}

// typeTerms are one type's converted resources and how many groups still need them.
type typeTerms struct {
	once  sync.Once
	terms []*ast.Term
	index *ast.Term // monitor.metric only: the series by [key, subject]
	err   error
	uses  int
}

func newAccountInput(resources []inventory.Resource, now time.Time, params map[string]map[string]any, groups []*group) (*accountInput, error) {
	p, err := ast.InterfaceToValue(params)
	if err != nil {
		return nil, err
	}
	in := &accountInput{now: now, params: p, byType: map[string][]*inventory.Resource{}, terms: map[string]*typeTerms{}}
	for i := range resources {
		r := &resources[i]
		if in.byType[r.Type] == nil {
			in.types = append(in.types, r.Type)
		}
		in.byType[r.Type] = append(in.byType[r.Type], r)
	}
	sort.Strings(in.types)
	for _, t := range in.types {
		in.terms[t] = &typeTerms{}
	}
	for _, g := range groups {
		for _, t := range in.typesOf(g) {
			in.terms[t].uses++
		}
	}
	return in, nil
}

// typesOf are the types of a group present in the account.
func (in *accountInput) typesOf(g *group) []string {
	if len(g.types) == 1 && g.types[0] == allTypes {
		return in.types
	}
	var out []string
	for _, t := range g.types {
		if in.byType[t] != nil {
			out = append(out, t)
		}
	}
	return out
}

// get converts a type's resources on first use.
func (in *accountInput) get(typ string) (*typeTerms, error) {
	in.mu.Lock()
	tt := in.terms[typ]
	in.mu.Unlock()
	tt.once.Do(func() {
		resources := in.byType[typ]
		tt.terms = make([]*ast.Term, len(resources))
		for i, r := range resources {
			v, err := resourceValue(r)
			if err != nil {
				tt.err = fmt.Errorf("resource %s %s %s: %w", r.Type, r.Region, r.ID, err)
				return
			}
			tt.terms[i] = ast.NewTerm(v)
		}
		if typ == "monitor.metric" {
			tt.index = metricIndex(tt.terms)
		}
	})
	return tt, tt.err
}

// release drops the types of a group that no later group reads.
func (in *accountInput) release(g *group) {
	in.mu.Lock()
	defer in.mu.Unlock()
	for _, t := range in.typesOf(g) {
		tt := in.terms[t]
		if tt.uses--; tt.uses == 0 {
			tt.terms, tt.index = nil, nil
		}
	}
}

// input builds a group's input: its types, and the metric index when it reads the series.
func (in *accountInput) input(g *group) (ast.Value, error) {
	byType := map[string][]*ast.Term{}
	var index *ast.Term
	for _, t := range in.typesOf(g) {
		tt, err := in.get(t)
		if err != nil {
			return nil, err
		}
		byType[t] = tt.terms
		if tt.index != nil {
			index = tt.index
		}
	}
	v := inputValue(byType, in.now, in.params)
	if index != nil {
		v.(ast.Object).Insert(ast.StringTerm("metric_index"), index)
	}
	return v, nil
}

// metricIndex groups the monitor.metric series by [name, data.Subject], in input order: what
// data.tsa.lib.metrics would otherwise build in Rego for every query that reads a series.
func metricIndex(series []*ast.Term) *ast.Term {
	keys := []*ast.Term{}
	groups := map[[2]string][]*ast.Term{}
	for _, s := range series {
		obj, _ := s.Value.(ast.Object)
		if obj == nil {
			continue
		}
		name, _ := obj.Get(ast.InternedTerm("name")).Value.(ast.String)
		data, _ := obj.Get(ast.InternedTerm("data")).Value.(ast.Object)
		if data == nil {
			continue
		}
		subject := data.Get(ast.InternedTerm("Subject"))
		if subject == nil {
			continue
		}
		id, ok := subject.Value.(ast.String)
		if !ok {
			continue
		}
		k := [2]string{string(name), string(id)}
		if groups[k] == nil {
			keys = append(keys, ast.ArrayTerm(ast.StringTerm(k[0]), ast.StringTerm(k[1])))
		}
		groups[k] = append(groups[k], s)
	}
	index := ast.NewObject()
	for _, k := range keys {
		a := k.Value.(*ast.Array)
		name, id := a.Elem(0).Value.(ast.String), a.Elem(1).Value.(ast.String)
		index.Insert(k, ast.ArrayTerm(groups[[2]string{string(name), string(id)}]...))
	}
	return ast.NewTerm(index)
}

// evaluateGrouped evaluates every group of the engine over each account's input, at most
// workers queries at once, and returns each account's verdicts by rule package.
func (e *Engine) evaluateGrouped(ctx context.Context, inputs []*accountInput) ([]map[string]*Verdicts, error) {
	groups, err := e.groups()
	if err != nil {
		return nil, err
	}
	workers := e.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([][]map[string]*Verdicts, len(inputs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for a, in := range inputs {
		results[a] = make([]map[string]*Verdicts, len(groups))
		for i, grp := range groups {
			g.Go(func() error {
				input, err := in.input(grp)
				if err != nil {
					return err
				}
				v, err := e.lib.eval(gctx, grp.query, input)
				in.release(grp)
				results[a][i] = v
				return err
			})
		}
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := make([]map[string]*Verdicts, len(inputs))
	for a := range inputs {
		out[a] = map[string]*Verdicts{}
		for _, v := range results[a] {
			for p, x := range v {
				out[a][p] = x
			}
		}
	}
	return out, nil
}
