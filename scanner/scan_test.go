package scanner

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"go.uber.org/goleak"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/result"
)

const (
	shopUIN = "100012345678"
	intlUIN = "100087654321"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// demoScan scans the demo scenario, changed by edit, through the emulator over HTTP.
func demoScan(t *testing.T, edit func(*fixtures.Scenario), secretKey string) (*result.Scan, error) {
	t.Helper()
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(sc)
	}
	emu, err := fixtures.Listen(sc, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	key := sc.Accounts[0].Keys[0]
	if secretKey == "" {
		secretKey = key.SecretKey
	}
	cfg := &config.Config{
		Endpoint:    emu.Endpoint,
		Concurrency: 4,
		Timeout:     config.Duration(5e9),
		Accounts: []config.Account{
			{UIN: shopUIN, Plan: "enterprise"},
			{UIN: intlUIN, Plan: "business", Role: &config.Role{ARN: "qcs::cam::uin/" + intlUIN + ":roleName/TSAReadOnly", ExternalID: "tsa-demo-7f3a"}},
		},
	}
	engine, err := testEngine()
	if err != nil {
		t.Fatal(err)
	}
	res, _, err := Run(context.Background(), Options{
		CollectOptions: CollectOptions{Config: cfg, Credential: common.NewCredential(key.SecretID, secretKey), Client: fastClient},
		Evaluation:     Evaluation{Engine: engine},
		Now:            sc.Now,
	})
	return res, err
}

func TestDemoScanFailsAndPassesEveryRule(t *testing.T) {
	t.Parallel()
	res, err := demoScan(t, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Partial || res.Coverage.Failed != 0 {
		t.Fatalf("demo scan is partial: %+v", res.Coverage.Failures)
	}
	want := []string{"TSA-VPC-001", "TSA-VPC-002", "TSA-CBS-101", "TSA-CVM-101", "TSA-CVM-201"}
	failing := map[string]bool{}
	for _, f := range res.Findings {
		if f.Status != result.Fail {
			continue
		}
		failing[f.RuleID+"/"+f.Account] = true
		// Global resources (CAM, SSL, CloudAudit) have region "", as docs/inventory.md says.
		global := strings.HasPrefix(f.ResourceType, "cam.") || f.ResourceType == "ssl.certificate" || f.ResourceType == "cloudaudit.trail"
		if f.RuleID == "" || f.Pillar == "" || f.Severity == "" || f.Account == "" || (f.Region == "" && !global) ||
			f.ResourceID == "" || f.Message == "" || len(f.Evidence) == 0 || f.ID == "" {
			t.Errorf("finding lacks a field: %+v", f)
		}
	}
	for _, id := range want {
		for _, acct := range []string{shopUIN, intlUIN} {
			if !failing[id+"/"+acct] {
				t.Errorf("rule %s fails nothing in account %s", id, acct)
			}
		}
	}
	for _, r := range res.Rules {
		if r.Pass == 0 || r.Fail == 0 {
			t.Errorf("rule %s: %d pass, %d fail; the demo needs both", r.Rule.ID, r.Pass, r.Fail)
		}
	}
	if res.Scores.Overall <= 0 || res.Scores.Overall >= 100 || len(res.Scores.Pillars) != 5 {
		t.Errorf("scores: %+v", res.Scores)
	}
}

func TestRegionDownIsUnknownNotPass(t *testing.T) {
	t.Parallel()
	healthy, err := demoScan(t, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	res, err := demoScan(t, func(sc *fixtures.Scenario) { sc.Faults.RegionDown = []string{"ap-shanghai"} }, "")
	if err != nil {
		t.Fatalf("the scan did not complete: %v", err)
	}
	if !res.Partial || !res.Scores.Partial {
		t.Fatal("a scan with a region down is not marked partial")
	}
	for _, f := range res.Findings {
		if f.Region == "ap-shanghai" && f.Status == result.Fail {
			t.Errorf("a finding in the dead region: %+v", f)
		}
	}
	// Every rule that judged something in ap-shanghai when it was healthy is unknown there now.
	judged := map[string]bool{}
	for _, f := range healthy.Findings {
		if f.Region == "ap-shanghai" && f.Status == result.Fail {
			judged[f.RuleID+"/"+f.Account] = true
		}
	}
	if len(judged) == 0 {
		t.Fatal("the healthy demo has no failing finding in ap-shanghai to lose")
	}
	unknown := map[string]bool{}
	for _, f := range res.Findings {
		if f.Status == result.Unknown && f.Region == "ap-shanghai" {
			unknown[f.RuleID+"/"+f.Account] = true
			if !strings.Contains(f.Message, "InternalError") {
				t.Errorf("unknown finding does not say why: %s", f.Message)
			}
		}
	}
	for k := range judged {
		if !unknown[k] {
			t.Errorf("rule/account %s judged ap-shanghai when healthy but is not unknown there with the region down", k)
		}
	}
	// The other regions are assessed as before: fewer passes, never more.
	for i, r := range res.Rules {
		if r.Pass > healthy.Rules[i].Pass {
			t.Errorf("rule %s: %d passes with a region down, %d healthy", r.Rule.ID, r.Pass, healthy.Rules[i].Pass)
		}
	}
	for _, p := range res.Scores.Pillars {
		if p.Unknown > 0 != p.Partial {
			t.Errorf("pillar %s: %d unknown but partial=%v", p.Pillar, p.Unknown, p.Partial)
		}
	}
}

func TestWrongSecretKeyStopsWithSignatureFailure(t *testing.T) {
	t.Parallel()
	_, err := demoScan(t, nil, "not-the-key")
	if !errors.Is(err, ErrCredential) || !strings.Contains(err.Error(), "AuthFailure.SignatureFailure") {
		t.Fatalf("got %v", err)
	}
	if strings.Contains(err.Error(), "not-the-key") {
		t.Fatal("the secret key leaked into the error")
	}
}

func TestAccountWhoseRoleCannotBeAssumedIsReported(t *testing.T) {
	t.Parallel()
	res, err := demoScan(t, func(sc *fixtures.Scenario) {
		for i := range sc.Accounts {
			for j := range sc.Accounts[i].Roles {
				sc.Accounts[i].Roles[j].ExternalID = "rotated"
			}
		}
	}, "")
	if err != nil {
		t.Fatal(err)
	}
	var intl string
	for _, a := range res.Accounts {
		if a.UIN == intlUIN {
			intl = a.Error
		}
	}
	if !strings.Contains(intl, "UnauthorizedOperation") {
		t.Fatalf("account error: %q", intl)
	}
	seen := map[string]bool{}
	for _, f := range res.Findings {
		seen[f.Account+" "+string(f.Status)] = true
	}
	if !seen[shopUIN+" fail"] || !seen[intlUIN+" unknown"] || seen[intlUIN+" fail"] {
		t.Fatalf("statuses by account: %v", seen)
	}
}
