package rules

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/inventory"
)

const customHeader = `# METADATA
# title: Instance has no owner tag
# scope: package
# custom:
#   id: ACME-CVM-001
#   pillar: reliability
#   severity: medium
#   resource_types: [cvm.instance]
#   remediation: Tag the instance with its owner.
#   tam_recommendation: Tag every resource with an owner so incidents reach someone.
#   references: []
#   params: {tag: owner}
#   catalogue: custom
package tsa.rules.acme.owner_tag
`

func writeRule(t *testing.T, name, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCustomRuleRunsWithBuiltins(t *testing.T) {
	dir := writeRule(t, "owner_tag.rego", customHeader+`
deny contains {"resource": i.id, "message": sprintf("instance %s has no %s tag", [i.id, input.params["ACME-CVM-001"].tag]), "evidence": {"tags": i.tags}} if {
	some i in input.resources["cvm.instance"]
	not i.tags[input.params["ACME-CVM-001"].tag]
}
`)
	e, err := New(context.Background(), Options{CustomDirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	r, ok := e.Rule("ACME-CVM-001")
	if !ok || r.Product != "acme" || !strings.HasSuffix(r.File, "owner_tag.rego") {
		t.Fatalf("custom rule not loaded: %+v", r)
	}
	if _, ok := e.Rule("TSA-VPC-001"); !ok {
		t.Fatal("built-in rules missing next to the custom one")
	}
	res := []inventory.Resource{
		{Type: "cvm.instance", ID: "ins-1", Account: "1", Region: "r", Data: []byte(`{}`), Tags: map[string]string{"owner": "ops"}},
		{Type: "cvm.instance", ID: "ins-2", Account: "1", Region: "r", Data: []byte(`{}`)},
	}
	denials, err := e.Evaluate(context.Background(), res, time.Now(), e.params(nil))
	if err != nil {
		t.Fatal(err)
	}
	got := denials["acme.owner_tag"].Deny
	if len(got) != 1 || got[0].Resource != "ins-2" {
		t.Fatalf("denials: %+v", got)
	}
}

func TestCustomRuleErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"syntax error", customHeader + "\ndeny contains x if {\n\tx := \n}\n", []string{"bad.rego:", "rego_parse_error"}},
		{"undefined function", customHeader + "\ndeny contains x if {\n\tx := no_such_function(1)\n}\n", []string{"bad.rego:17", "no_such_function"}},
		{"network built-in", customHeader + "\ndeny contains x if {\n\tr := http.send({\"method\": \"get\", \"url\": \"http://example.com\"})\n\tx := {\"resource\": r.body}\n}\n", []string{"bad.rego:17", "http.send is not allowed"}},
		{"clock built-in", customHeader + "\ndeny contains x if {\n\tt := time.now_ns()\n\tx := {\"resource\": format_int(t, 10)}\n}\n", []string{"bad.rego:17", "time.now_ns"}},
		{"clock through JWT", customHeader + "\ndeny contains x if {\n\tr := io.jwt.decode_verify(\"a.b.c\", {\"secret\": \"s\"})\n\tx := {\"resource\": r[0]}\n}\n", []string{"bad.rego:17", "io.jwt.decode_verify is not allowed"}},
		{"missing METADATA field", strings.Replace(customHeader, "#   remediation: Tag the instance with its owner.\n", "", 1) + "\ndeny contains x if {\n\tx := {\"resource\": \"a\"}\n\tfalse\n}\n", []string{"bad.rego", "custom.remediation is missing"}},
		{"no METADATA", "package tsa.rules.acme.bare\n\ndeny contains x if {\n\tx := {\"resource\": \"a\"}\n\tfalse\n}\n", []string{"bad.rego", "no package-scope METADATA"}},
		{"duplicate id", strings.Replace(customHeader, "ACME-CVM-001", "TSA-VPC-001", 1) + "\ndeny contains x if {\n\tx := {\"resource\": \"a\"}\n\tfalse\n}\n", []string{"rule id TSA-VPC-001 is already used"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeRule(t, "bad.rego", tt.src)
			_, err := New(context.Background(), Options{CustomDirs: []string{dir}})
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

// A FIFO named *.rego would block the loader for ever: it is refused by name.
func TestCustomRuleThatIsNotARegularFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.rego")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := New(context.Background(), Options{CustomDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "pipe.rego is not a regular file") {
		t.Fatalf("a FIFO among the rules: %v", err)
	}
}

func TestCustomDirMustExist(t *testing.T) {
	if _, err := New(context.Background(), Options{CustomDirs: []string{"/nonexistent/rules"}}); err == nil || !strings.Contains(err.Error(), "/nonexistent/rules") {
		t.Fatalf("got %v", err)
	}
}
