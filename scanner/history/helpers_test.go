package history

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tsa-scanner/tsa/collectors"
	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/rules"
	"github.com/tsa-scanner/tsa/scanner"
)

const (
	shopUIN = "100012345678"
	intlUIN = "100087654321"
)

var (
	engineOnce sync.Once
	engine     *rules.Engine
	engineErr  error
)

// testEngine compiles the rule library once for the whole test binary.
func testEngine(t testing.TB) *rules.Engine {
	t.Helper()
	engineOnce.Do(func() { engine, engineErr = rules.New(context.Background(), rules.Options{}) })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}

// monitorEnd is where every test scan's Cloud Monitor windows end: the emulator lays the stored
// series onto the asked window, so scans a period boundary apart would read other timestamps
// and daily means; pinned, two scans of the same scenario read the same series.
var monitorEnd = time.Now()

// demoScan scans the demo scenario, changed by edit, through the emulator over HTTP, and
// returns it ready to record. tsa's own rate limiter is lifted (it has its own test in
// scanner), so the scan is not paced at the published limits.
func demoScan(t testing.TB, edit func(testing.TB, *fixtures.Scenario)) Input {
	t.Helper()
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(t, sc)
	}
	emu, err := fixtures.Listen(sc, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	key := sc.Accounts[0].Keys[0]
	cfg := &config.Config{
		Endpoint: emu.Endpoint, Concurrency: 4, Timeout: config.Duration(5 * time.Second),
		Accounts: []config.Account{
			{UIN: shopUIN, Plan: "enterprise"},
			{UIN: intlUIN, Plan: "business", Role: &config.Role{ARN: "qcs::cam::uin/" + intlUIN + ":roleName/TSAReadOnly", ExternalID: "tsa-demo-7f3a"}},
		},
	}
	res, inv, err := scanner.Run(context.Background(), scanner.Options{
		CollectOptions: scanner.CollectOptions{Config: cfg, Credential: common.NewCredential(key.SecretID, key.SecretKey),
			Client: collectors.Settings{RetryBase: time.Millisecond, RateFactor: 1000, Now: func() time.Time { return monitorEnd }}},
		Evaluation: scanner.Evaluation{Engine: testEngine(t)},
		Now:        sc.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return Input{Result: res, Inventory: inv, Now: sc.Now, Source: "demo:demo", Version: "test"}
}

// editInstance changes one CVM instance of the demo scenario, reading the scenario's own file.
func editInstance(account, region, instanceID string, change func(map[string]any)) func(testing.TB, *fixtures.Scenario) {
	return func(t testing.TB, sc *fixtures.Scenario) {
		t.Helper()
		stored, ok := sc.Get(account, region, "cvm", "DescribeInstances")
		doc, _ := stored.(map[string]any)
		if !ok || doc == nil {
			t.Fatalf("no DescribeInstances in %s/%s", account, region)
		}
		found := false
		set, _ := doc["InstanceSet"].([]any)
		for _, v := range set {
			if inst, _ := v.(map[string]any); inst["InstanceId"] == instanceID {
				change(inst)
				found = true
			}
		}
		if !found {
			t.Fatalf("no instance %s in %s/%s", instanceID, account, region)
		}
		if err := sc.Set(account, region, "cvm", "DescribeInstances", doc); err != nil {
			t.Fatal(err)
		}
	}
}

// chain applies several scenario edits in order.
func chain(edits ...func(testing.TB, *fixtures.Scenario)) func(testing.TB, *fixtures.Scenario) {
	return func(t testing.TB, sc *fixtures.Scenario) {
		for _, e := range edits {
			e(t, sc)
		}
	}
}

// The demo change used across tests: LIM-07's failing ins-cbanspci is set to auto-renew (a fix),
// and the passing ins-4i69bs9h (expiring in 54 days) now expires in 4 (a new risk).
var (
	fixRenewal = editInstance(shopUIN, "ap-guangzhou", "ins-cbanspci", func(i map[string]any) { i["RenewFlag"] = "NOTIFY_AND_AUTO_RENEW" })
	newExpiry  = editInstance(shopUIN, "ap-beijing", "ins-4i69bs9h", func(i map[string]any) { i["ExpiredTime"] = "2026-12-01T10:34:46Z" })
)

func openStore(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func record(t testing.TB, s *Store, in Input) *Recorded {
	t.Helper()
	r, err := s.Record(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
