package scanner

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/fixtures"
)

// TestOrganizationMembersAreScannedAndUnenterableOnesReported lists the demo organization from
// its manager: the international member is entered through the organization role and scanned,
// the logistics member has no such role and is reported with the reason.
func TestOrganizationMembersAreScannedAndUnenterableOnesReported(t *testing.T) {
	t.Parallel()
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	emu, err := fixtures.Listen(sc, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	key := sc.Accounts[0].Keys[0]
	cfg := &config.Config{
		Endpoint: emu.Endpoint, Concurrency: 4, Timeout: config.Duration(5 * time.Second),
		Products:     []string{"cvm", "cam"},
		Accounts:     []config.Account{{UIN: shopUIN, Plan: "enterprise"}},
		Organization: &config.Organization{Discover: true, RoleName: "TSAReadOnly", ExternalID: "tsa-demo-7f3a", Plan: "business"},
	}
	col, err := Collect(context.Background(), CollectOptions{Config: cfg, Credential: common.NewCredential(key.SecretID, key.SecretKey),
		Client: fastClient})
	if err != nil {
		t.Fatal(err)
	}
	accounts := map[string]string{}
	for _, a := range col.Inventory.Accounts {
		accounts[a.UIN] = a.Error
		if a.UIN == intlUIN && a.Plan != "business" {
			t.Errorf("member plan %q", a.Plan)
		}
	}
	const logistics = "100055501234"
	if len(accounts) != 3 || accounts[shopUIN] != "" || accounts[intlUIN] != "" {
		t.Fatalf("accounts: %v", accounts)
	}
	if e := accounts[logistics]; !strings.Contains(e, "RoleNotFound") || !strings.Contains(e, "qcs::cam::uin/"+logistics+":roleName/TSAReadOnly") {
		t.Fatalf("the unenterable member's error does not say why: %q", e)
	}
	scanned := map[string]int{}
	for _, r := range col.Inventory.Resources {
		scanned[r.Account]++
	}
	if scanned[intlUIN] == 0 || scanned[shopUIN] == 0 || scanned[logistics] != 0 {
		t.Fatalf("resources by account: %v", scanned)
	}
	listed := false
	for _, c := range col.Inventory.Coverage {
		if c.Action == "organization:DescribeOrganizationMembers" {
			listed = c.OK && c.Account == shopUIN
		}
	}
	if !listed {
		t.Fatal("the member listing is not in the coverage")
	}
}
