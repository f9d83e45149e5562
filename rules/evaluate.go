package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/tsa-scanner/tsa/inventory"
)

// Verdicts is what one rule said about one account's resources.
type Verdicts struct {
	Deny    []Entry
	Unknown []Entry
	// Error is the rule's runtime error (a built-in error, a conflict, a deny that is not a set
	// of objects): every resource the rule did not deny is unknown with it.
	Error string
}

// Entry is one entry of a rule's deny or unknown set.
type Entry struct {
	Resource     string
	Message      string // deny
	Reason       string // unknown
	Evidence     map[string]any
	Severity     string
	Region       string
	ResourceType string
}

// ruleQuery is a prepared query over some rules: for each, its deny set and its unknown set,
// each inside a comprehension so that one rule's undefined set cannot hide the others'.
type ruleQuery struct {
	packages []string
	query    rego.PreparedEvalQuery
}

// prepare builds the query over the given rule packages. Only the deny and unknown sets are
// queried: evaluating the whole data.tsa.rules tree would also expand every helper rule at full
// extent, which OPA does in quadratic time for partial objects.
func (l *library) prepare(ctx context.Context, packages []string) (*ruleQuery, error) {
	parts := make([]string, len(packages))
	for i, p := range packages {
		unknown := "[]"
		if l.unknown[p] {
			unknown = fmt.Sprintf("[x | x := %s.%s.unknown]", rulesRoot, p)
		}
		parts[i] = fmt.Sprintf("[[x | x := %s.%s.deny], %s]", rulesRoot, p, unknown)
	}
	q, err := rego.New(rego.Query("["+strings.Join(parts, ", ")+"]"), rego.Compiler(l.compiler)).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("preparing the rules query: %w", err)
	}
	return &ruleQuery{packages: packages, query: q}, nil
}

// singleQuery returns the query over one rule, prepared once.
func (l *library) singleQuery(ctx context.Context, pkg string) (*ruleQuery, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if q, ok := l.single[pkg]; ok {
		return q, nil
	}
	q, err := l.prepare(ctx, []string{pkg})
	if err != nil {
		return nil, err
	}
	l.single[pkg] = q
	return q, nil
}

// Evaluate runs the engine's rules over one account's resources and returns each rule's
// verdicts by package. The input is built as an ast.Value directly, grouped by resource type,
// so OPA does no JSON round trip and each rule iterates only the resources it inspects.
func (e *Engine) Evaluate(ctx context.Context, resources []inventory.Resource, now time.Time, params map[string]map[string]any) (map[string]*Verdicts, error) {
	input, err := buildInput(resources, now, params)
	if err != nil {
		return nil, err
	}
	q, err := e.query()
	if err != nil {
		return nil, err
	}
	return e.lib.eval(ctx, q, input)
}

// eval runs a query. A runtime error, or a built-in error it cannot pin on one rule's file,
// sends every rule of the query through its own query, so one faulty rule cannot sink or taint
// the others; only cancellation is returned as an error.
func (l *library) eval(ctx context.Context, q *ruleQuery, input ast.Value) (map[string]*Verdicts, error) {
	var builtinErrs []topdown.Error
	rs, err := q.query.Eval(ctx, rego.EvalParsedInput(input), rego.EvalBuiltinErrorList(&builtinErrs),
		rego.EvalGenerateJSON(func(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("evaluating rules: %w", ctx.Err())
		}
		if len(q.packages) == 1 {
			return map[string]*Verdicts{q.packages[0]: {Error: oneLine(err.Error())}}, nil
		}
		return l.evalEach(ctx, q.packages, input)
	}
	out := make(map[string]*Verdicts, len(q.packages))
	var results *ast.Array
	if len(rs) == 1 && len(rs[0].Expressions) == 1 {
		if t, ok := rs[0].Expressions[0].Value.(*ast.Term); ok {
			results, _ = t.Value.(*ast.Array)
		}
	}
	if results == nil || results.Len() != len(q.packages) {
		return nil, fmt.Errorf("evaluating rules: unexpected result %v", rs)
	}
	for i, p := range q.packages {
		pair := results.Elem(i).Value.(*ast.Array)
		v := &Verdicts{}
		var derr, uerr error
		v.Deny, derr = entries(pair.Elem(0), "deny", "message")
		v.Unknown, uerr = entries(pair.Elem(1), "unknown", "reason")
		if derr != nil {
			v.Error = derr.Error()
		} else if uerr != nil {
			v.Error = uerr.Error()
		}
		out[p] = v
	}
	if len(builtinErrs) == 0 {
		return out, nil
	}
	if len(q.packages) == 1 {
		setError(out[q.packages[0]], describe(builtinErrs))
		return out, nil
	}
	byFile := map[string][]topdown.Error{}
	for _, be := range builtinErrs {
		pkg := ""
		if be.Location != nil {
			pkg = l.packageOf(be.Location.File)
		}
		if out[pkg] == nil {
			// A built-in error in a shared library: only the rules' own queries can say whose.
			return l.evalEach(ctx, q.packages, input)
		}
		byFile[pkg] = append(byFile[pkg], be)
	}
	for pkg, errs := range byFile {
		setError(out[pkg], describe(errs))
	}
	return out, nil
}

// evalEach evaluates every rule alone.
func (l *library) evalEach(ctx context.Context, packages []string, input ast.Value) (map[string]*Verdicts, error) {
	out := make(map[string]*Verdicts, len(packages))
	for _, p := range packages {
		q, err := l.singleQuery(ctx, p)
		if err != nil {
			return nil, err
		}
		v, err := l.eval(ctx, q, input)
		if err != nil {
			return nil, err
		}
		out[p] = v[p]
	}
	return out, nil
}

// packageOf returns the rule package defined in a file, "" for a library file.
func (l *library) packageOf(file string) string {
	m, ok := l.compiler.Modules[file]
	if !ok {
		return ""
	}
	pkg, ok := strings.CutPrefix(m.Package.Path.String(), rulesRoot+".")
	if !ok {
		return ""
	}
	return pkg
}

func setError(v *Verdicts, msg string) {
	if v.Error == "" {
		v.Error = msg
	}
}

// oneLine folds a multi-line OPA error into one line for a finding's message.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// describe names the first built-in error with its file and line, and how many followed.
func describe(errs []topdown.Error) string {
	msg := oneLine(errs[0].Error())
	if len(errs) > 1 {
		msg += fmt.Sprintf(" (and %d more built-in errors)", len(errs)-1)
	}
	return msg
}

// entries reads a rule's deny or unknown set from its comprehension ([] or [the set]).
func entries(t *ast.Term, set, text string) ([]Entry, error) {
	wrapped := t.Value.(*ast.Array)
	if wrapped.Len() == 0 {
		return nil, nil
	}
	s, ok := wrapped.Elem(0).Value.(ast.Set)
	if !ok {
		return nil, fmt.Errorf("%s is %s, not a set of objects", set, ast.ValueName(wrapped.Elem(0).Value))
	}
	out := make([]Entry, 0, s.Len())
	var bad error
	s.Foreach(func(item *ast.Term) {
		e, err := entry(item, text)
		if err != nil {
			if bad == nil {
				bad = fmt.Errorf("%s entry %v: %w", set, truncate(item.String(), 200), err)
			}
			return
		}
		out = append(out, e)
	})
	return out, bad
}

// entry reads one object of a deny or unknown set.
func entry(item *ast.Term, text string) (Entry, error) {
	obj, ok := item.Value.(ast.Object)
	if !ok {
		return Entry{}, fmt.Errorf("want an object, got %s", ast.ValueName(item.Value))
	}
	var e Entry
	fields := []struct {
		key string
		dst *string
	}{{"resource", &e.Resource}, {text, &e.Message}, {"severity", &e.Severity}, {"region", &e.Region}, {"resource_type", &e.ResourceType}}
	for _, f := range fields {
		v := obj.Get(ast.InternedTerm(f.key))
		if v == nil {
			continue
		}
		s, ok := v.Value.(ast.String)
		if !ok {
			return Entry{}, fmt.Errorf("%q must be a string", f.key)
		}
		*f.dst = string(s)
	}
	if e.Resource == "" {
		return Entry{}, fmt.Errorf("want a non-empty string \"resource\"")
	}
	if text == "reason" {
		e.Reason, e.Message = e.Message, ""
	}
	if ev := obj.Get(ast.InternedTerm("evidence")); ev != nil {
		m, err := ast.JSON(ev.Value)
		if err != nil {
			return Entry{}, fmt.Errorf("evidence: %w", err)
		}
		evidence, ok := floats(m).(map[string]any)
		if !ok {
			return Entry{}, fmt.Errorf("\"evidence\" must be an object")
		}
		e.Evidence = evidence
	}
	return e, nil
}

// floats turns OPA's arbitrary-precision numbers into float64, as encoding/json decodes them,
// so evidence reads the same whether it was just evaluated or stored and read back
// (0.46 rather than 0.45999999999999999998).
func floats(v any) any {
	switch x := v.(type) {
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return f
		}
	case map[string]any:
		for k, e := range x {
			x[k] = floats(e)
		}
	case []any:
		for i, e := range x {
			x[i] = floats(e)
		}
	}
	return v
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// buildInput makes {"now", "params", "resources": {type: [resource…]}} as an ast.Value.
func buildInput(resources []inventory.Resource, now time.Time, params map[string]map[string]any) (ast.Value, error) {
	byType := map[string][]*ast.Term{}
	for i := range resources {
		v, err := resourceValue(&resources[i])
		if err != nil {
			return nil, fmt.Errorf("resource %s %s %s: %w", resources[i].Type, resources[i].Region, resources[i].ID, err)
		}
		byType[resources[i].Type] = append(byType[resources[i].Type], ast.NewTerm(v))
	}
	p, err := ast.InterfaceToValue(params)
	if err != nil {
		return nil, err
	}
	return inputValue(byType, now, p), nil
}

// inputValue assembles the input from resources and parameters already converted.
func inputValue(byType map[string][]*ast.Term, now time.Time, p ast.Value) ast.Value {
	grouped := ast.NewObject()
	for t, terms := range byType {
		grouped.Insert(ast.StringTerm(t), ast.ArrayTerm(terms...))
	}
	return ast.NewObject(
		[2]*ast.Term{ast.StringTerm("now"), ast.StringTerm(now.UTC().Format(time.RFC3339))},
		[2]*ast.Term{ast.StringTerm("params"), ast.NewTerm(p)},
		[2]*ast.Term{ast.StringTerm("resources"), ast.NewTerm(grouped)},
	)
}

func resourceValue(r *inventory.Resource) (ast.Value, error) {
	data, err := jsonValue(r.Data)
	if err != nil {
		return nil, err
	}
	related := ast.NewObject()
	for k, raw := range r.Related {
		v, err := jsonValue(raw)
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
