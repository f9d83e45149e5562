package collectors

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/inventory"
)

// collectRegion runs every collector in one account and region of a scenario.
func collectRegion(t *testing.T, sc *fixtures.Scenario, account, region string) ([]inventory.Resource, *Client) {
	t.Helper()
	emu, _, cred := listen(t, sc)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint, RateFactor: 10})
	ctx := context.Background()
	if account == intlUIN {
		role, err := caller.AssumeRole(ctx, cred, Role{ARN: "qcs::cam::uin/" + intlUIN + ":roleName/TSAReadOnly", ExternalID: "tsa-demo-7f3a"})
		if err != nil {
			t.Fatal(err)
		}
		cred = role
	}
	c := caller.Client(account, region, cred)
	var out []inventory.Resource
	for _, col := range All {
		if col.Global {
			continue // once per account, not per region
		}
		res, err := col.Collect(ctx, c)
		if err != nil {
			t.Fatalf("%s: %v", col.Product, err)
		}
		out = append(out, res...)
	}
	return out, c
}

func demoScenario(t *testing.T) *fixtures.Scenario {
	t.Helper()
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestNetworkAndComputeTypes checks every network and compute type of the inventory contract
// in two demo regions: how many, a known id, where the data comes from.
func TestNetworkAndComputeTypes(t *testing.T) {
	type want struct {
		typ   string
		count int
		id    string
		field string // a top-level field of data that must be set
	}
	regions := []struct {
		account, region string
		wants           []want
	}{
		{shopUIN, "ap-guangzhou", []want{
			{"cvm.quota", 1, "cvm-quota/ap-guangzhou", "AccountQuota"},
			{"cvm.placement_group", 1, "ps-2tqaqy3u", "InstanceIds"},
			{"cbs.auto_snapshot_policy", 2, "asp-5esaogww", "Policy"},
			{"cbs.disk_quota", 1, "cbs-quota/ap-guangzhou", "DiskConfigSet"},
			{"vpc.security_group_limits", 1, "vpc-sg-limits/ap-guangzhou", "SecurityGroupPolicyLimit"},
			{"vpc.vpc", 2, "vpc-km7b4oxh", "CidrBlock"},
			{"vpc.subnet", 5, "subnet-ebl3h4f0", "CidrBlock"},
			{"vpc.route_table", 3, "", "AssociationSet"},
			{"vpc.address", 6, "", "AddressStatus"},
			{"vpc.address_quota", 1, "vpc-address-quota/ap-guangzhou", "QuotaSet"},
			{"vpc.limits", 1, "vpc-limits/ap-guangzhou", "VpcLimitSet"},
			{"vpc.nat_gateway", 1, "nat-iuf5kfeb", "PublicIpAddressSet"},
			{"vpc.network_acl", 2, "acl-kyqjr06i", "IngressEntries"},
			{"vpc.vpn_gateway", 1, "vpngw-csorv2qp", "ExpiredTime"},
			{"vpc.vpn_connection", 2, "", "NetStatus"},
			{"vpc.security_group", 8, "sg-fj5vu4fu", "SecurityGroupName"},
		}},
		{intlUIN, "ap-singapore", []want{
			{"cvm.instance", 7, "ins-duooju3o", "InstanceType"},
			{"cvm.quota", 1, "cvm-quota/ap-singapore", "AccountQuota"},
			{"cvm.placement_group", 1, "ps-tecll4h6", "InstanceIds"},
			{"cbs.auto_snapshot_policy", 1, "asp-nssxz7tp", "DiskIdSet"},
			{"vpc.address", 11, "", "AddressIp"},
			{"vpc.route_table", 2, "", "AssociationSet"},
			{"vpc.nat_gateway", 1, "nat-5klp9ltg", "DestinationIpPortTranslationNatRuleSet"},
			{"vpc.vpn_connection", 1, "", "VpnGatewayId"},
		}},
	}
	for _, rg := range regions {
		t.Run(rg.account+"/"+rg.region, func(t *testing.T) {
			res, c := collectRegion(t, demoScenario(t), rg.account, rg.region)
			byType := map[string][]inventory.Resource{}
			for _, r := range res {
				byType[r.Type] = append(byType[r.Type], r)
				if r.Account != rg.account || r.Region != rg.region || r.ID == "" || len(r.Gaps) != 0 {
					t.Errorf("resource %s %s: account %q region %q gaps %v", r.Type, r.ID, r.Account, r.Region, r.Gaps)
				}
			}
			for _, w := range rg.wants {
				got := byType[w.typ]
				if len(got) != w.count {
					t.Errorf("%s: %d resources, want %d", w.typ, len(got), w.count)
				}
				found := w.id == ""
				for _, r := range got {
					found = found || r.ID == w.id
					var data map[string]json.RawMessage
					if err := json.Unmarshal(r.Data, &data); err != nil || len(data[w.field]) == 0 || string(data[w.field]) == "null" {
						t.Errorf("%s %s: data lacks %s: %s", w.typ, r.ID, w.field, r.Data)
					}
				}
				if !found {
					t.Errorf("%s: no resource %s", w.typ, w.id)
				}
			}
			for _, r := range byType["vpc.vpn_connection"] {
				if strings.Contains(string(r.Data), "PreShareKey") {
					t.Errorf("%s: the pre-shared key reached the inventory: %s", r.ID, r.Data)
				}
			}
			for _, cov := range c.Coverage() {
				if !cov.OK {
					t.Errorf("coverage %s failed: %s", cov.Action, cov.Code)
				}
			}
		})
	}
}

func TestNATGatewayCarriesItsDNATRules(t *testing.T) {
	res, c := collectRegion(t, demoScenario(t), shopUIN, "ap-guangzhou")
	setListLimit(t, 5)
	paged, _ := collectRegion(t, demoScenario(t), shopUIN, "ap-guangzhou")
	for _, set := range [][]inventory.Resource{res, paged} {
		var nat *inventory.Resource
		for i := range set {
			if set[i].Type == "vpc.nat_gateway" {
				nat = &set[i]
			}
		}
		if nat == nil {
			t.Fatal("no NAT gateway collected")
		}
		var rules []struct{ NatGatewayId, PublicIpAddress string }
		if err := json.Unmarshal(nat.Related["dnat_rules"], &rules); err != nil {
			t.Fatal(err)
		}
		if len(rules) != 43 || rules[0].NatGatewayId != nat.ID || rules[42].PublicIpAddress != "203.0.113.90" {
			t.Fatalf("dnat_rules of %s: %d rules, first %+v", nat.ID, len(rules), rules[0])
		}
	}
	for _, cov := range c.Coverage() {
		if cov.Action == "vpc:DescribeNatGatewayDestinationIpPortTranslationNatRules" && (!cov.OK || len(cov.ResourceTypes) != 0) {
			t.Fatalf("per-gateway coverage: %+v", cov)
		}
	}
}

func TestDNATFailureBecomesGapOnTheGateway(t *testing.T) {
	sc := demoScenario(t)
	// The gateway's rules are gone: the API answers ResourceNotFound for it.
	if err := sc.Set(shopUIN, "ap-guangzhou", "vpc", "DescribeNatGatewayDestinationIpPortTranslationNatRules", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	res, c := collectRegion(t, sc, shopUIN, "ap-guangzhou")
	const action = "vpc:DescribeNatGatewayDestinationIpPortTranslationNatRules"
	nats := 0
	for _, r := range res {
		if r.Type != "vpc.nat_gateway" {
			continue
		}
		nats++
		if _, ok := r.Related["dnat_rules"]; ok || len(r.Gaps) != 1 || r.Gaps[0] != (inventory.Gap{Action: action, Code: "ResourceNotFound", Key: "dnat_rules"}) {
			t.Errorf("%s: related %v, gaps %+v", r.ID, r.Related, r.Gaps)
		}
	}
	if nats != 1 {
		t.Fatalf("%d NAT gateways: a failed per-gateway call must not drop the gateway", nats)
	}
	for _, cov := range c.Coverage() {
		switch {
		case cov.Action == action:
			if cov.OK || cov.Code != "ResourceNotFound" || len(cov.ResourceTypes) != 0 {
				t.Errorf("coverage: %+v", cov)
			}
		case !cov.OK:
			t.Errorf("coverage %s failed: %s", cov.Action, cov.Code)
		}
	}
}
