package collectors

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/inventory"
)

// The messy scenario (fixtures/scenarios/messy) serves answers shaped as the real API sends
// them; its README lists the cases these tests hold tsa to.

const messyUIN = "100055550000"

// collectMessy runs one collector over the messy scenario's account.
func collectMessy(t *testing.T, col Collector, region string, subjects ...inventory.Resource) ([]inventory.Resource, *Client) {
	t.Helper()
	sc, err := fixtures.LoadEmbedded("messy")
	if err != nil {
		t.Fatal(err)
	}
	emu, _, cred := listen(t, sc)
	caller, err := NewCaller(Settings{Endpoint: emu.Endpoint, MaxRetries: -1, RateFactor: 50})
	if err != nil {
		t.Fatal(err)
	}
	c := caller.Client(messyUIN, region, cred)
	c.Subjects = subjects
	res, err := col.Collect(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return res, c
}

// TestNullIsKeptApartFromEmpty: a list the API sent as [] stays [] in data; one it sent as null
// (or left out) is absent.
func TestNullIsKeptApartFromEmpty(t *testing.T) {
	t.Parallel()
	res, _ := collectMessy(t, cvmCollector, "ap-guangzhou")
	got := byID(res, "cvm.instance")
	tests := []struct {
		id, field string
		want      string // the field's JSON, "" for absent
	}{
		{"ins-messy001", "SecurityGroupIds", "[]"},
		{"ins-messy001", "Tags", "[]"},
		{"ins-messy001", "DataDisks", ""},
		{"ins-messy001", "PublicIpAddresses", ""},
		{"ins-messy002", "SecurityGroupIds", ""},
		{"ins-messy002", "Tags", ""},
		{"ins-messy002", "DataDisks", "[]"},
		{"ins-messy003", "SecurityGroupIds", `["sg-plain001"]`},
		{"ins-messy003", "DataDisks", ""},
	}
	for _, tt := range tests {
		var data map[string]json.RawMessage
		if err := json.Unmarshal(got[tt.id].Data, &data); err != nil {
			t.Fatalf("%s: %v", tt.id, err)
		}
		if v := string(data[tt.field]); v != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.id, tt.field, v, tt.want)
		}
	}
}

// TestNumericZonesAreNamed: a numeric zone id becomes its name through the zone list; one the
// list does not know leaves the zone absent with a gap on "zone".
func TestNumericZonesAreNamed(t *testing.T) {
	t.Parallel()
	res, c := collectMessy(t, cvmCollector, "ap-guangzhou")
	got := byID(res, "cvm.instance")
	tests := []struct {
		id, zone string
		gaps     []inventory.Gap
	}{
		{"ins-messy001", "ap-guangzhou-3", nil},
		{"ins-messy002", "ap-guangzhou-4", nil},
		{"ins-messy003", "", []inventory.Gap{{Action: "cvm:DescribeZones", Code: "TSA.ZoneNotFound", Key: "zone"}}},
	}
	for _, tt := range tests {
		r := got[tt.id]
		if r.Zone != tt.zone || !slices.Equal(r.Gaps, tt.gaps) {
			t.Errorf("%s: zone %q gaps %+v, want %q %+v", tt.id, r.Zone, r.Gaps, tt.zone, tt.gaps)
		}
	}
	for _, cov := range c.Coverage() {
		if cov.Action == "cvm:DescribeZones" && (!cov.OK || len(cov.ResourceTypes) != 0) {
			t.Errorf("zone list coverage: %+v", cov)
		}
	}
}

// TestZoneListIsReadOncePerScan: collectors that need the zone list share one read, so
// cvm:DescribeZones is called and recorded once per account and region.
func TestZoneListIsReadOncePerScan(t *testing.T) {
	t.Parallel()
	sc, err := fixtures.LoadEmbedded("messy")
	if err != nil {
		t.Fatal(err)
	}
	emu, _, cred := listen(t, sc)
	caller, err := NewCaller(Settings{Endpoint: emu.Endpoint, MaxRetries: -1, RateFactor: 50})
	if err != nil {
		t.Fatal(err)
	}
	records := 0
	for range 3 {
		c := caller.Client(messyUIN, "ap-guangzhou", cred)
		res, err := cvmCollector.Collect(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		if z := byID(res, "cvm.instance")["ins-messy002"].Zone; z != "ap-guangzhou-4" {
			t.Fatalf("zone %q", z)
		}
		for _, cov := range c.Coverage() {
			if cov.Action == "cvm:DescribeZones" {
				records++
			}
		}
	}
	calls := 0
	for _, call := range emu.Calls() {
		if call.Action == "DescribeZones" {
			calls++
		}
	}
	if calls != 1 || records != 1 {
		t.Errorf("DescribeZones: %d calls, %d coverage records; want 1 and 1", calls, records)
	}
}

// TestSecurityGroupTemplatesAreResolved: policies naming templates or template groups carry
// what the templates stand for; a policy naming a template that is not there stays as the API
// gave it and its group gets a gap on "policies".
func TestSecurityGroupTemplatesAreResolved(t *testing.T) {
	t.Parallel()
	res, c := collectMessy(t, vpcCollector, "ap-guangzhou")
	got := byID(res, "vpc.security_group")
	type policy struct {
		PolicyIndex       int
		Protocol, Port    string
		CidrBlock         *string
		AddressTemplate   *struct{ AddressId, AddressGroupId string }
		ResolvedAddresses []string
		ResolvedServices  []service
	}
	type set struct {
		Version         string
		Ingress, Egress []policy
	}
	tmpl := related[set](t, got["sg-tmpl0001"], "policies")
	if len(got["sg-tmpl0001"].Gaps) != 0 || tmpl.Version != "3" || len(tmpl.Ingress) != 3 || len(tmpl.Egress) != 1 {
		t.Fatalf("sg-tmpl0001: %+v gaps %+v", tmpl, got["sg-tmpl0001"].Gaps)
	}
	tests := []struct {
		name      string
		p         policy
		addresses []string
		services  []service
	}{
		{"address group: members once, IPv6 and ranges as written", tmpl.Ingress[0],
			[]string{"203.0.113.0/28", "2001:db8:20::/48", "10.1.0.1-10.1.0.9"}, nil},
		{"service group", tmpl.Ingress[1], nil, []service{{"TCP", "80,443"}, {"UDP", "53"}}},
		{"no template: nothing added", tmpl.Ingress[2], nil, nil},
		{"address template and service template", tmpl.Egress[0], []string{"10.1.0.1-10.1.0.9"}, []service{{"ICMP", "ALL"}, {"ALL", "ALL"}}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.p.ResolvedAddresses, tt.addresses) || !slices.Equal(tt.p.ResolvedServices, tt.services) {
			t.Errorf("%s: addresses %q services %+v, want %q %+v", tt.name, tt.p.ResolvedAddresses, tt.p.ResolvedServices, tt.addresses, tt.services)
		}
	}
	if tmpl.Ingress[0].AddressTemplate == nil || tmpl.Ingress[0].AddressTemplate.AddressGroupId != "ipmg-office01" {
		t.Errorf("the policy's own fields were not kept: %+v", tmpl.Ingress[0])
	}

	gone := got["sg-tmpl0002"]
	want := []inventory.Gap{{Action: "vpc:DescribeAddressTemplates", Code: "TSA.TemplateNotFound", Key: "policies"}}
	if !slices.Equal(gone.Gaps, want) {
		t.Errorf("sg-tmpl0002 gaps %+v, want %+v", gone.Gaps, want)
	}
	if p := related[set](t, gone, "policies").Ingress[0]; p.ResolvedAddresses != nil {
		t.Errorf("sg-tmpl0002: an unresolvable policy got addresses %q", p.ResolvedAddresses)
	}

	plain := related[map[string]json.RawMessage](t, got["sg-plain001"], "policies")
	if string(plain["Ingress"]) != "[]" || plain["Egress"] != nil {
		t.Errorf("sg-plain001 policies: Ingress %s Egress %s, want [] and absent", plain["Ingress"], plain["Egress"])
	}
	for _, cov := range c.Coverage() {
		if !cov.OK {
			t.Errorf("%s failed: %s", cov.Action, cov.Code)
		}
	}
}

// TestTemplateReadFailureIsAGapOnPolicies: when a template list cannot be read, the groups
// whose policies name templates get a gap on "policies"; the others do not.
func TestTemplateReadFailureIsAGapOnPolicies(t *testing.T) {
	t.Parallel()
	sc, err := fixtures.LoadEmbedded("messy")
	if err != nil {
		t.Fatal(err)
	}
	res, _, _ := collectAs(t, sc, messyUIN, vpcCollector, "ap-guangzhou", "vpc:DescribeServiceTemplateGroups")
	got := byID(res, "vpc.security_group")
	want := []inventory.Gap{{Action: "vpc:DescribeServiceTemplateGroups", Code: "UnauthorizedOperation", Key: "policies"}}
	if !slices.Equal(got["sg-tmpl0001"].Gaps, want) {
		t.Errorf("sg-tmpl0001 gaps %+v, want %+v", got["sg-tmpl0001"].Gaps, want)
	}
	if gaps := got["sg-plain001"].Gaps; len(gaps) != 0 {
		t.Errorf("sg-plain001 names no template but got gaps %+v", gaps)
	}
}

// TestUserWithoutUinIsNeverAskedAbout: CAM reads TargetUin 0 (or none) as the caller, so a user
// listed without a UIN must get no per-user call (the emulator would answer with the owner's
// keys and AdministratorAccess); every per-user key is a gap instead.
func TestUserWithoutUinIsNeverAskedAbout(t *testing.T) {
	t.Parallel()
	res, _ := collectMessy(t, camCollector, "")
	users := byID(res, "cam.user")
	if len(users) != 3 {
		t.Fatalf("users: %d, want 3", len(users))
	}
	var want []inventory.Gap
	for _, g := range [][3]string{
		{"cam:ListAccessKeys", "access_keys"}, {"cam:ListAccessKeys", "key_last_used"},
		{"cam:DescribeSafeAuthFlagColl", "safe_auth"},
		{"cam:ListAttachedUserAllPolicies", "policies"}, {"cam:ListAttachedUserAllPolicies", "policy_documents"},
	} {
		want = append(want, inventory.Gap{Action: g[0], Code: camNoUinCode, Key: g[1]})
	}
	for _, name := range []string{"ghost-zero", "ghost-missing"} {
		u, ok := users[name]
		if !ok {
			t.Errorf("%s: not in the inventory", name)
			continue
		}
		if len(u.Related) != 0 || !slices.Equal(u.Gaps, want) {
			t.Errorf("%s: related %v gaps %+v", name, relatedKeys(u), u.Gaps)
		}
	}
	real := users["100055550001"]
	if len(real.Gaps) != 0 || string(real.Related["access_keys"]) != "[]" || string(real.Related["policies"]) != "[]" {
		t.Errorf("dev-real: related %s gaps %+v", relatedKeys(real), real.Gaps)
	}
}
