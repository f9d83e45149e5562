package main

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"testing"

	"github.com/tsa-scanner/tsa/collectors"
)

// TestPolicyAllowsExactlyTheDeclaredReadActions holds `tsa policy` to the collectors'
// declarations: valid JSON, one allow statement on "*", the same actions, all of them reads
// except sts:AssumeRole.
func TestPolicyAllowsExactlyTheDeclaredReadActions(t *testing.T) {
	root := newRootCommand()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetArgs([]string{"policy"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	var p camPolicy
	dec := json.NewDecoder(&out)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("not a CAM policy document: %v", err)
	}
	if p.Version != "2.0" || len(p.Statement) != 1 {
		t.Fatalf("policy: %+v", p)
	}
	st := p.Statement[0]
	if st.Effect != "allow" || !slices.Equal(st.Resource, []string{"*"}) {
		t.Fatalf("statement: %+v", st)
	}
	if !slices.Equal(st.Action, collectors.ReadOnlyActions()) {
		t.Fatalf("actions differ from the declarations:\n%v\n%v", st.Action, collectors.ReadOnlyActions())
	}
	read := regexp.MustCompile(`^[a-z]+:(Describe|List|Get)[A-Za-z]+$`)
	for _, a := range st.Action {
		if a != "sts:AssumeRole" && !read.MatchString(a) {
			t.Errorf("%s is not a Describe/List/Get action", a)
		}
	}
	if !slices.Contains(st.Action, "sts:AssumeRole") || !slices.Contains(st.Action, "cam:ListUsers") {
		t.Fatalf("actions: %v", st.Action)
	}
}
