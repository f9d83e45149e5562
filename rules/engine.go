// Package rules is tsa's rule library and the engine that runs it: Rego policies embedded from
// rules/policies (plus user directories), compiled once with their METADATA, and evaluated with
// one prepared query per scan over each account's inventory, grouped by resource type. Each
// rule × resource is fail, unknown or pass by the contract in docs/rules.md.
// Rules know nothing of the SDK: they read the inventory's JSON.
package rules

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/tsa-scanner/tsa/result"
)

//go:embed policies
var builtin embed.FS

// Policies returns the built-in Rego files (rules, their tests and shared libraries).
func Policies() fs.FS { return builtin }

// Engine holds the compiled rule library and the rules it reports.
type Engine struct {
	rules []result.Rule
	lib   *library
	// groups are the rules split by the resource types they read, each with its query.
	groups func() ([]*group, error)
	// query evaluates every rule at once over the whole input: the reference the grouped
	// evaluation is checked against. Prepared on first use.
	query func() (*ruleQuery, error)
	// workers bounds the queries evaluated at once; zero means GOMAXPROCS.
	workers int
}

// library is the compiled rule library that every engine selected from it shares.
type library struct {
	compiler *ast.Compiler
	// unknown names the packages that define an unknown set.
	unknown map[string]bool

	mu     sync.Mutex
	single map[string]*ruleQuery // one rule's query, for isolating a rule's runtime error
}

const rulesRoot = "data.tsa.rules"

// Options configure the rule library.
type Options struct {
	// CustomDirs are directories of the user's own .rego files, compiled with the built-ins.
	CustomDirs []string
}

// New compiles the built-in and custom rules once and prepares the query every evaluation shares.
// The built-in library alone is compiled once per process: an engine is immutable and safe for
// concurrent use, so every scan without custom rules shares it.
func New(ctx context.Context, opts Options) (*Engine, error) {
	if len(opts.CustomDirs) == 0 {
		return builtinEngine()
	}
	return compile(ctx, opts)
}

// builtinEngine is the built-in library, compiled on first use.
var builtinEngine = sync.OnceValues(func() (*Engine, error) { return compile(context.Background(), Options{}) })

func compile(ctx context.Context, opts Options) (*Engine, error) {
	modules, err := LoadModules(opts.CustomDirs, false)
	if err != nil {
		return nil, err
	}
	compiler := ast.NewCompiler().WithCapabilities(Capabilities()).WithStrict(true)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, fmt.Errorf("compiling rules:\n  %w", compileErrors(compiler.Errors))
	}
	rules, err := readMetadata(compiler)
	if err != nil {
		return nil, err
	}
	lib := &library{compiler: compiler, unknown: map[string]bool{}, single: map[string]*ruleQuery{}}
	for _, r := range rules {
		if len(compiler.GetRulesExact(ast.MustParseRef(rulesRoot+"."+r.Package+".unknown"))) > 0 {
			lib.unknown[r.Package] = true
		}
	}
	e := lib.engine(rules)
	if _, err := e.groups(); err != nil {
		return nil, err
	}
	return e, nil
}

// engine returns an engine over some of the library's rules.
func (l *library) engine(rules []result.Rule) *Engine {
	packages := make([]string, len(rules))
	for i, r := range rules {
		packages[i] = r.Package
	}
	return &Engine{rules: rules, lib: l,
		groups: sync.OnceValues(func() ([]*group, error) { return l.plan(context.Background(), packages) }),
		query:  sync.OnceValues(func() (*ruleQuery, error) { return l.prepare(context.Background(), packages) }),
	}
}

// LoadModules parses the built-in policies and every .rego file under dirs, with METADATA kept.
// Test files are included only when withTests is set.
func LoadModules(dirs []string, withTests bool) (map[string]*ast.Module, error) {
	filter := loader.GlobExcludeName("*_test.rego", 0)
	if withTests {
		filter = nil
	}
	res, err := loader.NewFileLoader().
		WithFS(builtin).
		WithProcessAnnotation(true). // without it METADATA silently disappears
		Filtered([]string{"policies"}, filter)
	if err != nil {
		return nil, fmt.Errorf("loading built-in rules: %w", err)
	}
	modules := res.ParsedModules()
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("custom rules: %s is not a directory", dir)
		}
		var irregular []string
		custom, err := loader.NewFileLoader().WithProcessAnnotation(true).Filtered([]string{dir}, func(path string, info fs.FileInfo, depth int) bool {
			if info.IsDir() {
				return false
			}
			if !strings.HasSuffix(path, ".rego") {
				return true // data files beside rules are not part of the library
			}
			if !info.Mode().IsRegular() {
				// Reading a FIFO or a device would block or never end.
				irregular = append(irregular, path)
				return true
			}
			return !withTests && strings.HasSuffix(path, "_test.rego")
		})
		if err != nil {
			return nil, fmt.Errorf("custom rules in %s: %w", dir, err)
		}
		if len(irregular) > 0 {
			return nil, fmt.Errorf("custom rules in %s: %s is not a regular file", dir, strings.Join(irregular, ", "))
		}
		for name, m := range custom.ParsedModules() {
			modules[name] = m
		}
	}
	return modules, nil
}

// compileErrors lists compiler errors one per line, each with its file and line.
func compileErrors(errs ast.Errors) error {
	lines := make([]string, 0, len(errs))
	for _, e := range errs {
		loc := ""
		if e.Location != nil {
			loc = fmt.Sprintf("%s:%d: ", e.Location.File, e.Location.Row)
		}
		msg := e.Message
		if name, ok := strings.CutPrefix(msg, "undefined function "); ok && unsafeBuiltins[name] {
			msg = name + " is not allowed in tsa rules: a rule must not reach the network, the clock, the environment or randomness (time comes from input.now)"
		}
		lines = append(lines, loc+e.Code+": "+msg)
	}
	return fmt.Errorf("%s", strings.Join(lines, "\n  "))
}

// Rules returns every rule, sorted by id.
func (e *Engine) Rules() []result.Rule { return e.rules }

// Rule returns the rule with the given id.
func (e *Engine) Rule(id string) (result.Rule, bool) {
	for _, r := range e.rules {
		if r.ID == id {
			return r, true
		}
	}
	return result.Rule{}, false
}

// unsafeBuiltins are refused at compile time: every built-in OPA marks non-deterministic (the
// network, the clock, randomness, JWT verification that reads the time, …) and opa.runtime (the
// environment), so a scan's findings depend on its inventory alone.
var unsafeBuiltins = func() map[string]bool {
	out := map[string]bool{"opa.runtime": true}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if b.Nondeterministic {
			out[b.Name] = true
		}
	}
	return out
}()

// Capabilities returns OPA's capabilities without the unsafe built-ins and with no network hosts.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !unsafeBuiltins[b.Name] {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// requiredCustom are the METADATA custom keys every rule must declare.
var requiredCustom = []string{"id", "pillar", "severity", "resource_types", "remediation", "tam_recommendation", "references", "params", "catalogue"}

// readMetadata reads each tsa.rules.* package's package-scope METADATA and checks it.
func readMetadata(c *ast.Compiler) ([]result.Rule, error) {
	byPackage := map[string]*ast.Annotations{}
	for _, ref := range c.GetAnnotationSet().Flatten() {
		if ref.Annotations.Scope == "package" {
			byPackage[ref.Path.String()] = ref.Annotations
		}
	}
	var (
		rules []result.Rule
		errs  []string
		seen  = map[string]string{}
	)
	for _, m := range c.Modules {
		path := m.Package.Path.String()
		if !strings.HasPrefix(path, rulesRoot+".") || seenPackage(rules, path) {
			continue
		}
		file := m.Package.Location.File
		a, ok := byPackage[path]
		if !ok {
			errs = append(errs, fmt.Sprintf("%s: package %s has no package-scope METADATA block", file, path))
			continue
		}
		r, err := ruleFromAnnotations(path, file, a)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", file, err))
			continue
		}
		if !hasDeny(c, m.Package.Path) {
			errs = append(errs, fmt.Sprintf("%s: package %s defines no deny rule (deny contains {\"resource\": …, \"message\": …})", file, path))
			continue
		}
		if other, dup := seen[r.ID]; dup {
			errs = append(errs, fmt.Sprintf("%s: rule id %s is already used by %s", file, r.ID, other))
			continue
		}
		seen[r.ID] = file
		rules = append(rules, r)
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, fmt.Errorf("invalid rule metadata:\n  %s", strings.Join(errs, "\n  "))
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	return rules, nil
}

func hasDeny(c *ast.Compiler, pkg ast.Ref) bool {
	return len(c.GetRulesExact(pkg.Append(ast.StringTerm("deny")))) > 0
}

func seenPackage(rules []result.Rule, path string) bool {
	for _, r := range rules {
		if rulesRoot+"."+r.Package == path {
			return true
		}
	}
	return false
}

func ruleFromAnnotations(path, file string, a *ast.Annotations) (result.Rule, error) {
	for _, k := range requiredCustom {
		if _, ok := a.Custom[k]; !ok {
			return result.Rule{}, fmt.Errorf("METADATA custom.%s is missing", k)
		}
	}
	if a.Title == "" {
		return result.Rule{}, fmt.Errorf("METADATA title is missing")
	}
	pkg := strings.TrimPrefix(path, rulesRoot+".")
	r := result.Rule{
		Title:       a.Title,
		Description: a.Description,
		Package:     pkg,
		Product:     strings.SplitN(pkg, ".", 2)[0],
		File:        file,
	}
	var err error
	str := func(key string) string {
		s, ok := a.Custom[key].(string)
		if (!ok || s == "") && err == nil {
			err = fmt.Errorf("METADATA custom.%s must be a non-empty string", key)
		}
		return s
	}
	list := func(key string) []string {
		raw, ok := a.Custom[key].([]any)
		if !ok && err == nil {
			err = fmt.Errorf("METADATA custom.%s must be a list", key)
		}
		out := []string{}
		for _, v := range raw {
			s, ok := v.(string)
			if !ok && err == nil {
				err = fmt.Errorf("METADATA custom.%s must hold strings", key)
			}
			out = append(out, s)
		}
		return out
	}
	r.ID, r.Pillar, r.Severity = str("id"), str("pillar"), str("severity")
	r.Remediation, r.TAMRecommendation, r.Catalogue = str("remediation"), str("tam_recommendation"), str("catalogue")
	r.ResourceTypes, r.References = list("resource_types"), list("references")
	if _, ok := a.Custom["joins"]; ok {
		r.Joins = list("joins")
	}
	if _, ok := a.Custom["reads"]; ok {
		r.Reads = list("reads")
		for _, k := range r.Reads {
			if !strings.HasPrefix(k, "data.") && !strings.HasPrefix(k, "related.") && !strings.HasPrefix(k, "metric.") && err == nil {
				err = fmt.Errorf("METADATA custom.reads entry %q must start with data., related. or metric.", k)
			}
		}
	}
	if raw, ok := a.Custom["i18n"]; ok && err == nil {
		r.I18n, err = ruleTexts(raw)
	}
	params, ok := a.Custom["params"].(map[string]any)
	if !ok && err == nil {
		err = fmt.Errorf("METADATA custom.params must be a map (use {} for none)")
	}
	r.Params = params
	if err != nil {
		return result.Rule{}, err
	}
	if !oneOf(r.Pillar, result.Pillars) {
		return result.Rule{}, fmt.Errorf("METADATA custom.pillar %q is not one of %s", r.Pillar, strings.Join(result.Pillars, ", "))
	}
	if !oneOf(r.Severity, result.Severities) {
		return result.Rule{}, fmt.Errorf("METADATA custom.severity %q is not one of %s", r.Severity, strings.Join(result.Severities, ", "))
	}
	if len(r.ResourceTypes) == 0 {
		return result.Rule{}, fmt.Errorf("METADATA custom.resource_types is empty")
	}
	return r, nil
}

func oneOf(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// ruleTexts reads METADATA custom.i18n: {<lang>: {title, description, remediation, tam_recommendation}}.
func ruleTexts(raw any) (map[string]result.RuleText, error) {
	langs, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("METADATA custom.i18n must be a map of language to texts")
	}
	out := map[string]result.RuleText{}
	for lang, v := range langs {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("METADATA custom.i18n.%s must be a map", lang)
		}
		var t result.RuleText
		for k, x := range m {
			s, ok := x.(string)
			if !ok {
				return nil, fmt.Errorf("METADATA custom.i18n.%s.%s must be a string", lang, k)
			}
			switch k {
			case "title":
				t.Title = s
			case "description":
				t.Description = s
			case "remediation":
				t.Remediation = s
			case "tam_recommendation":
				t.TAMRecommendation = s
			default:
				return nil, fmt.Errorf("METADATA custom.i18n.%s.%s is not a rule text (title, description, remediation, tam_recommendation)", lang, k)
			}
		}
		out[lang] = t
	}
	return out, nil
}
