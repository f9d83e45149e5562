package rules

import (
	"context"
	"io/fs"
	"strings"
	"sync"
	"testing"
)

// regoTests runs the library's Rego tests once for every test that inspects them.
var regoTests = sync.OnceValues(func() (*TestReport, error) { return RunTests(context.Background(), nil) })

// TestRegoTests runs every *_test.rego of the built-in library and fails when none ran.
func TestRegoTests(t *testing.T) {
	t.Parallel()
	rep, err := regoTests()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if !r.Pass {
			t.Errorf("%s: %s %s", r.Name, r.Error, r.Output)
		}
	}
	if rep.Passed+rep.Failed == 0 {
		t.Fatal("no Rego tests found")
	}
	t.Logf("%d Rego tests ran, coverage %.1f%%", rep.Passed+rep.Failed, rep.Coverage)
}

// TestEveryRuleHasTests holds each rule file to a _test.rego beside it with at least a failing
// and a passing case (two tests or more). New itself refuses missing METADATA and duplicate ids.
func TestEveryRuleHasTests(t *testing.T) {
	t.Parallel()
	e, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Rules()) == 0 {
		t.Fatal("no rules loaded")
	}
	rep, err := regoTests()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range e.Rules() {
		test := strings.TrimSuffix(strings.TrimPrefix(r.File, "/"), ".rego") + "_test.rego"
		if _, err := fs.Stat(builtin, test); err != nil {
			t.Errorf("rule %s (%s) has no %s", r.ID, r.File, test)
			continue
		}
		n := 0
		for _, tr := range rep.Results {
			if strings.HasPrefix(tr.Name, rulesRoot+"."+r.Package+"_test.") {
				n++
			}
		}
		if n < 2 {
			t.Errorf("rule %s: %s holds %d tests in package %s_test; want a failing and a passing case at least", r.ID, test, n, r.Package)
		}
	}
}
