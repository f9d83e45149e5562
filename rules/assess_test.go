package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// contractRule writes a custom rule of product "acme" with the given METADATA extras and body.
func contractRule(id, pkg, extra, body string) string {
	return fmt.Sprintf(`# METADATA
# title: Contract rule %[1]s
# scope: package
# custom:
#   id: %[1]s
#   pillar: reliability
#   severity: medium
#   resource_types: [cvm.instance]
#   remediation: None.
#   tam_recommendation: None.
#   references: []
#   params: {}
#   catalogue: custom
%[3]spackage tsa.rules.acme.%[2]s

%[4]s
`, id, pkg, extra, body)
}

// contractRules are custom rules that exercise each clause of docs/rules.md "Unknown: the
// contract", compiled once with the library.
var contractRules = sync.OnceValues(func() (*Engine, error) {
	dir, err := os.MkdirTemp("", "tsa-contract-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	files := map[string]string{
		"declared.rego": contractRule("ACME-X-001", "declared",
			"#   reads: [data.Zone, related.policies, metric.cvm_cpu]\n#   joins: [vpc.security_group]\n", `
deny contains {"resource": i.id, "region": i.region, "message": "bad"} if {
	some i in input.resources["cvm.instance"]
	i.data.Bad == true
}

unknown contains {"resource": i.id, "region": i.region, "reason": "Zone is null"} if {
	some i in input.resources["cvm.instance"]
	i.data.Zone == null
}`),
		"builtin.rego": contractRule("ACME-X-002", "builtin", "", `
deny contains {"resource": i.id, "message": "old"} if {
	some i in input.resources["cvm.instance"]
	time.parse_rfc3339_ns(i.data.Created) < 0
}`),
		"notaset.rego": contractRule("ACME-X-003", "notaset", "", `deny := "everything"`),
		"conflict.rego": contractRule("ACME-X-004", "conflict", "", `
pick := 1 if input.now

pick := 2 if input.now

deny contains {"resource": i.id, "message": "x"} if {
	some i in input.resources["cvm.instance"]
	pick == 3
}`),
		"undeclared.rego": contractRule("ACME-X-005", "undeclared", "", `
deny contains {"resource": i.id, "message": "x"} if {
	some i in input.resources["cvm.instance"]
	i.data.Bad == "never"
}`),
		"badentry.rego": contractRule("ACME-X-006", "badentry", "", `
deny contains {"resource": i.id, "message": "bad"} if {
	some i in input.resources["cvm.instance"]
	i.data.Bad == true
}

deny contains "not an object" if true`),
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			return nil, err
		}
	}
	e, err := New(context.Background(), Options{CustomDirs: []string{dir}})
	if err != nil {
		return nil, err
	}
	return e.Select([]string{"product:acme"}, nil)
})

// instance is a cvm.instance of account "1" with a cpu series unless noCPU.
func instance(id, region, data string, gaps ...inventory.Gap) inventory.Resource {
	return inventory.Resource{Type: "cvm.instance", ID: id, Account: "1", Region: region, Data: json.RawMessage(data),
		Related: map[string]json.RawMessage{"policies": json.RawMessage(`[]`)}, Gaps: gaps}
}

func cpuSeries(subject, region, values string) inventory.Resource {
	return inventory.Resource{Type: "monitor.metric", ID: "QCE/CVM/CpuUsage/" + subject, Name: "cvm_cpu", Account: "1", Region: region,
		Data: json.RawMessage(fmt.Sprintf(`{"Subject":%q,"Values":%s}`, subject, values))}
}

func TestUnknownContract(t *testing.T) {
	t.Parallel()
	e, err := contractRules()
	if err != nil {
		t.Fatal(err)
	}
	var resources []inventory.Resource
	add := func(r inventory.Resource, cpu string) {
		resources = append(resources, r)
		if cpu != "" {
			resources = append(resources, cpuSeries(r.ID, r.Region, cpu))
		}
	}
	const ok = `{"Zone": "z", "Created": "2026-01-01T00:00:00Z"}`
	add(instance("ins-ok", "r1", ok), "[1, 2]")
	add(instance("ins-bad", "r1", `{"Zone": "z", "Bad": true, "Created": "2026-01-01T00:00:00Z"}`), "[1]")
	add(instance("ins-bad", "r2", ok), "[1]") // the same id in another region is another resource
	add(instance("ins-nullzone", "r1", `{"Zone": null, "Created": "2026-01-01T00:00:00Z"}`), "[1]")
	add(instance("ins-gap-other", "r1", ok, inventory.Gap{Action: "x:Other", Code: "InternalError", Key: "other"}), "[1]")
	add(instance("ins-gap-policies", "r1", ok, inventory.Gap{Action: "vpc:DescribeSecurityGroupPolicies", Code: "InternalError", Key: "policies"}), "[1]")
	add(instance("ins-gap-nokey", "r1", ok, inventory.Gap{Action: "x:Any", Code: "InternalError"}), "[1]")
	add(instance("ins-nocpu", "r1", ok), "[null, null]")
	add(instance("ins-joined", "r3", ok), "[1]")
	add(instance("ins-baddate", "r1", `{"Zone": "z", "Created": "yesterday"}`), "[1]")
	inv := &inventory.Inventory{
		Accounts:  []inventory.Account{{UIN: "1"}},
		Resources: resources,
		Coverage: []inventory.Call{
			{Account: "1", Region: "r3", Action: "vpc:DescribeSecurityGroups", ResourceTypes: []string{"vpc.security_group"}, Code: "InternalError", Message: "boom"},
			{Account: "1", Region: "r4", Action: "cvm:DescribeInstances", ResourceTypes: []string{"cvm.instance"}, Code: "UnauthorizedOperation", Message: "denied"},
		},
	}
	a, err := e.Assess(context.Background(), inv, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), nil)
	if err != nil {
		t.Fatal(err)
	}
	type verdict struct {
		status  result.Status
		message string
	}
	got := map[string]verdict{}
	for _, f := range a.Findings {
		got[f.RuleID+" "+f.Region+" "+f.ResourceID] = verdict{f.Status, f.Message}
	}
	tests := []struct {
		rule, region, id string
		want             result.Status
		message          string // a part of the finding's message
	}{
		{"ACME-X-001", "r1", "ins-ok", result.Pass, ""},
		{"ACME-X-001", "r1", "ins-bad", result.Fail, "bad"},
		{"ACME-X-001", "r2", "ins-bad", result.Pass, ""},
		{"ACME-X-001", "r1", "ins-nullzone", result.Unknown, "Zone is null"},
		{"ACME-X-001", "r1", "ins-gap-other", result.Pass, ""},
		{"ACME-X-001", "r1", "ins-gap-policies", result.Unknown, "vpc:DescribeSecurityGroupPolicies failed with InternalError"},
		{"ACME-X-001", "r1", "ins-gap-nokey", result.Unknown, "x:Any failed with InternalError"},
		{"ACME-X-001", "r1", "ins-nocpu", result.Unknown, "Cloud Monitor returned no data for cvm_cpu of ins-nocpu"},
		{"ACME-X-001", "r3", "ins-joined", result.Unknown, "vpc:DescribeSecurityGroups failed with InternalError: boom"},
		{"ACME-X-001", "r4", "*", result.Unknown, "cvm:DescribeInstances failed with UnauthorizedOperation"},
		{"ACME-X-001", "r3", "*", result.Pass, ""}, // a failed join is not a region-wide unknown
		// A rule without reads: any gap counts, its own data does not.
		{"ACME-X-005", "r1", "ins-gap-other", result.Unknown, "x:Other failed"},
		{"ACME-X-005", "r1", "ins-nocpu", result.Pass, ""},
		// A built-in error makes every resource the rule did not deny unknown, with the error.
		{"ACME-X-002", "r1", "ins-ok", result.Unknown, "time.parse_rfc3339_ns"},
		{"ACME-X-002", "r2", "ins-bad", result.Unknown, "builtin.rego:"},
		// A deny that is not a set of objects, and a conflict, name the rule's fault.
		{"ACME-X-003", "r1", "ins-ok", result.Unknown, "deny is string, not a set of objects"},
		{"ACME-X-004", "r1", "ins-ok", result.Unknown, "conflict"},
		{"ACME-X-006", "r1", "ins-bad", result.Fail, "bad"},
		{"ACME-X-006", "r1", "ins-ok", result.Unknown, `deny entry "not an object": want an object`},
	}
	for _, tt := range tests {
		t.Run(tt.rule+" "+tt.region+" "+tt.id, func(t *testing.T) {
			v, found := got[tt.rule+" "+tt.region+" "+tt.id]
			if !found {
				v.status = result.Pass
			}
			if v.status != tt.want || !strings.Contains(v.message, tt.message) {
				t.Errorf("got %s %q, want %s with %q", v.status, v.message, tt.want, tt.message)
			}
		})
	}
	// Every judged resource is counted once: 10 instances and the region that was not listed.
	for _, rr := range a.Rules {
		if rr.Total() != 11 {
			t.Errorf("%s: %d fail, %d pass, %d unknown; want 11 in all", rr.Rule.ID, rr.Fail, rr.Pass, rr.Unknown)
		}
	}
}

// TestGlobalJoinFailureHidesEveryRegion: a joined type's list call failed in the global
// region "" leaves every resource of the rule unknown.
func TestGlobalJoinFailureHidesEveryRegion(t *testing.T) {
	t.Parallel()
	e, err := contractRules()
	if err != nil {
		t.Fatal(err)
	}
	e, err = e.Select([]string{"ACME-X-001"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	inv := &inventory.Inventory{
		Accounts:  []inventory.Account{{UIN: "1"}},
		Resources: []inventory.Resource{instance("ins-a", "r1", `{"Zone": "z"}`), cpuSeries("ins-a", "r1", "[1]"), instance("ins-b", "r2", `{"Zone": "z"}`), cpuSeries("ins-b", "r2", "[1]")},
		Coverage:  []inventory.Call{{Account: "1", Region: "", Action: "vpc:DescribeSecurityGroups", ResourceTypes: []string{"vpc.security_group"}, Code: "InternalError"}},
	}
	a, err := e.Assess(context.Background(), inv, time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := a.Rules[0]; r.Unknown != 2 || r.Pass != 0 {
		t.Fatalf("%d unknown, %d pass; want both instances unknown: %+v", r.Unknown, r.Pass, a.Findings)
	}
}
