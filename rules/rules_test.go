package rules

import (
	"context"
	"io/fs"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestRegoTests runs every *_test.rego of the built-in library and fails when none ran.
func TestRegoTests(t *testing.T) {
	res, err := loader.NewFileLoader().WithFS(builtin).WithProcessAnnotation(true).All([]string{"policies"})
	if err != nil {
		t.Fatal(err)
	}
	store, err := res.Store()
	if err != nil {
		t.Fatal(err)
	}
	ch, err := tester.NewRunner().SetStore(store).SetModules(res.ParsedModules()).
		CapturePrintOutput(true).RaiseBuiltinErrors(true).RunTests(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for r := range ch {
		ran++
		if !r.Pass() {
			t.Errorf("%s.%s: fail=%v err=%v output=%s", r.Package, r.Name, r.Fail, r.Error, r.Output)
		}
	}
	if ran == 0 {
		t.Fatal("no Rego tests found")
	}
	t.Logf("%d Rego tests ran", ran)
}

// TestEveryRuleHasTests holds each rule file to a _test.rego beside it.
func TestEveryRuleHasTests(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Rules()) == 0 {
		t.Fatal("no rules loaded")
	}
	for _, r := range e.Rules() {
		test := strings.TrimSuffix(strings.TrimPrefix(r.File, "/"), ".rego") + "_test.rego"
		if _, err := fs.Stat(builtin, test); err != nil {
			t.Errorf("rule %s (%s) has no %s", r.ID, r.File, test)
		}
	}
}
