package rules

import (
	"context"
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is one Rego test's outcome.
type TestResult struct {
	Name   string `json:"name"` // package.test_name
	Pass   bool   `json:"pass"`
	Error  string `json:"error,omitempty"`
	Output string `json:"output,omitempty"`
}

// TestReport is a run of the library's Rego tests.
type TestReport struct {
	Results  []TestResult `json:"results"`
	Passed   int          `json:"passed"`
	Failed   int          `json:"failed"`
	Coverage float64      `json:"coverage"` // percent of rule lines evaluated by the tests
}

// RunTests runs every Rego test of the built-in library and of dirs, with coverage. Built-in
// errors are raised, so a rule that only "passes" because a parse failed is caught.
func RunTests(ctx context.Context, dirs []string) (*TestReport, error) {
	modules, err := LoadModules(dirs, true)
	if err != nil {
		return nil, err
	}
	cov := cover.New()
	ch, err := tester.NewRunner().
		SetStore(inmem.New()).
		SetModules(modules).
		SetCoverageQueryTracer(cov).
		SetCompiler(ast.NewCompiler().WithCapabilities(Capabilities()).WithStrict(true)).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		RunTests(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("running Rego tests: %w", err)
	}
	rep := &TestReport{}
	for r := range ch {
		tr := TestResult{Name: r.Package + "." + r.Name, Pass: r.Pass(), Output: string(r.Output)}
		if r.Error != nil {
			tr.Error = r.Error.Error()
		} else if r.Fail {
			tr.Error = "test failed"
		}
		if tr.Pass {
			rep.Passed++
		} else {
			rep.Failed++
		}
		rep.Results = append(rep.Results, tr)
	}
	sort.Slice(rep.Results, func(i, j int) bool { return rep.Results[i].Name < rep.Results[j].Name })
	rep.Coverage = cov.Report(modules).Coverage
	return rep, nil
}
