package rules

import (
	"context"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// allTypes stands for "the whole input": a rule that reads input.resources by a computed type.
const allTypes = "*"

// group is the rules that read the same resource types, evaluated with one prepared query over
// an input holding only those types.
type group struct {
	types []string // sorted; allTypes for every type
	query *ruleQuery
}

// plan splits the engine's rules into groups by the resource types they read.
func (l *library) plan(ctx context.Context, packages []string) ([]*group, error) {
	byTypes := map[string][]string{}
	for _, p := range packages {
		key := strings.Join(l.readTypes(p), ",")
		byTypes[key] = append(byTypes[key], p)
	}
	keys := make([]string, 0, len(byTypes))
	for k := range byTypes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*group, 0, len(keys))
	for _, k := range keys {
		q, err := l.prepare(ctx, byTypes[k])
		if err != nil {
			return nil, err
		}
		out = append(out, &group{types: strings.Split(k, ","), query: q})
	}
	return out, nil
}

// readTypes is a static dependency pass: the input.resources types a rule's deny and unknown
// sets read, through every rule and function they depend on, sorted. A read by a computed
// type, or of the input as a whole, gives [allTypes].
func (l *library) readTypes(pkg string) []string {
	types := map[string]bool{}
	seen := map[*ast.Rule]bool{}
	var visit func(r *ast.Rule)
	visit = func(r *ast.Rule) {
		if seen[r] {
			return
		}
		seen[r] = true
		inputReads(r, types)
		for dep := range l.compiler.Graph.Dependencies(r) {
			if d, ok := dep.(*ast.Rule); ok {
				visit(d)
			}
		}
	}
	for _, set := range []string{"deny", "unknown"} {
		for _, r := range l.compiler.GetRulesExact(ast.MustParseRef(rulesRoot + "." + pkg + "." + set)) {
			visit(r)
		}
	}
	if types[allTypes] {
		return []string{allTypes}
	}
	out := make([]string, 0, len(types))
	for t := range types {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

var (
	inputResources = ast.MustParseRef("input.resources")
	objectGet      = ast.MustParseRef("object.get")
)

// inputReads adds to types what one rule reads of input.resources: input.resources["t"]…, and
// object.get(input.resources, "t", …), which the compiler rewrites into a local bound to
// input.resources and passed to object.get. Any other use of input.resources, or of the whole
// input, adds allTypes.
func inputReads(r *ast.Rule, types map[string]bool) {
	aliases := map[ast.Var]bool{}
	ast.WalkExprs(r, func(e *ast.Expr) bool {
		if v, ok := boundTo(e, inputResources); ok {
			aliases[v] = true
		}
		return false
	})
	isResources := func(t *ast.Term) bool {
		v, ok := t.Value.(ast.Var)
		return ok && aliases[v] || t.Value.Compare(inputResources) == 0
	}
	var visit func(x any) bool
	call := func(terms []*ast.Term) bool {
		if len(terms) < 3 || terms[0].Value.Compare(objectGet) != 0 || !isResources(terms[1]) {
			return false
		}
		t, ok := terms[2].Value.(ast.String)
		if !ok {
			return false
		}
		types[string(t)] = true
		for _, rest := range terms[3:] {
			ast.NewGenericVisitor(visit).Walk(rest)
		}
		return true
	}
	visit = func(x any) bool {
		switch v := x.(type) {
		case *ast.Expr:
			if _, ok := boundTo(v, inputResources); ok {
				return true
			}
			if terms, ok := v.Terms.([]*ast.Term); ok {
				return call(terms)
			}
		case ast.Call:
			return call(v)
		case ast.Var:
			if aliases[v] {
				types[allTypes] = true
			}
		case ast.Ref:
			if !v.HasPrefix(ast.InputRootRef) {
				return false
			}
			if len(v) > 2 && v.HasPrefix(inputResources) {
				if t, ok := v[2].Value.(ast.String); ok {
					types[string(t)] = true
					return false
				}
			}
			if len(v) >= 2 {
				if k, ok := v[1].Value.(ast.String); ok && k != "resources" {
					return false // input.now, input.params
				}
			}
			types[allTypes] = true
		}
		return false
	}
	ast.NewGenericVisitor(visit).Walk(r)
}

// boundTo reports the local var an expression `v = ref` binds to ref.
func boundTo(e *ast.Expr, ref ast.Ref) (ast.Var, bool) {
	terms, ok := e.Terms.([]*ast.Term)
	if !ok || len(terms) != 3 || terms[0].Value.Compare(ast.Equality.Ref()) != 0 {
		return "", false
	}
	for _, pair := range [][2]*ast.Term{{terms[1], terms[2]}, {terms[2], terms[1]}} {
		if v, ok := pair[0].Value.(ast.Var); ok && pair[1].Value.Compare(ref) == 0 {
			return v, true
		}
	}
	return "", false
}
