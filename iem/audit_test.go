package iem

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tsa-scanner/tsa/collectors"
	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/rules"
	"github.com/tsa-scanner/tsa/scanner"
	"github.com/tsa-scanner/tsa/support"
)

const shopUIN = "100012345678"

var (
	engineOnce sync.Once
	engine     *rules.Engine
	engineErr  error
)

// demoScan scans the demo scenario, changed by faults, over HTTP through the emulator.
func demoScan(t *testing.T, faults ...string) (*result.Scan, *inventory.Inventory, time.Time) {
	t.Helper()
	engineOnce.Do(func() { engine, engineErr = rules.New(context.Background(), rules.Options{}) })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range faults {
		if err := sc.Faults.Set(f); err != nil {
			t.Fatal(err)
		}
	}
	emu, err := fixtures.Listen(sc, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	cfg, cred, err := sc.ScanConfig(emu.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	if cred == nil {
		key := sc.Accounts[0].Keys[0]
		cred = common.NewCredential(key.SecretID, key.SecretKey)
	}
	cfg.Timeout = config.Duration(5 * time.Second)
	res, inv, err := scanner.Run(context.Background(), scanner.Options{
		CollectOptions: scanner.CollectOptions{Config: cfg, Credential: cred, Client: collectors.Settings{RetryBase: time.Millisecond}},
		Evaluation:     scanner.Evaluation{Engine: engine},
		Now:            sc.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return res, inv, sc.Now
}

func audit(t *testing.T, event string, faults ...string) *Audit {
	t.Helper()
	res, inv, now := demoScan(t, faults...)
	ev, err := LoadEvent(event, []string{shopUIN, "100087654321"}, now)
	if err != nil {
		t.Fatal(err)
	}
	plans := map[string]string{}
	for _, a := range res.Accounts {
		plans[a.UIN] = a.Plan
	}
	return Run(Input{Event: ev, Inventory: inv, Findings: res.Findings, Plans: plans, Catalog: support.Builtin(), Now: now})
}

func find(a *Audit, id string) *Check {
	for i := range a.Checks {
		if a.Checks[i].ID == id {
			return &a.Checks[i]
		}
	}
	return nil
}

// The demo's Double 12 promotion: each check class finds what the demo estate holds.
func TestAuditOfTheDemoEstate(t *testing.T) {
	t.Parallel()
	a := audit(t, "testdata/double12.yaml")
	want := []struct {
		id     string
		status Status
		detail string
	}{
		// a certificate that expires in the middle of the event, without auto-renewal
		{"expiry/ssl.certificate/" + shopUIN + "//cert-3nq7wz1p", Fail, "2026-12-12 23:59:59"},
		// a MongoDB maintenance window inside the event
		{"changes/mongodb_maintenance/" + shopUIN + "/ap-beijing/cmgo-3pa7w1ke", Warn, "inside the event"},
		// a MySQL master without a standby
		{"availability/cdb_standby/" + shopUIN + "/ap-shanghai/cdb-9rmw3k2b", Fail, ""},
		// the plan includes IEM and the request is on time: 10 business days less the holiday
		{"support/plan/" + shopUIN, Pass, "enterprise"},
		{"support/lead_time/" + shopUIN, Fail, "9 business days"},
	}
	for _, w := range want {
		c := find(a, w.id)
		if c == nil {
			t.Errorf("no check %s", w.id)
			continue
		}
		if c.Status != w.status || !strings.Contains(c.Detail, w.detail) {
			t.Errorf("%s: %s %q, want %s with %q", w.id, c.Status, c.Detail, w.status, w.detail)
		}
		if c.Status != Pass && (c.Due == nil || !c.Due.Equal(a.Start) || c.Owner == "") {
			t.Errorf("%s: an action without an owner or a due date: %+v", w.id, c)
		}
	}
	if a.Verdict != NotReady || ExitCode(a.Verdict) != 7 {
		t.Errorf("verdict %s (exit %d), want not ready (7)", a.Verdict, ExitCode(a.Verdict))
	}
	// Capacity projections exist for the in-scope databases, and all are multiplied by the
	// event's per-product multiplier.
	projected := 0
	for _, c := range a.Checks {
		if c.Kind == "cdb_cpu" && c.Status != Unknown {
			projected++
			if c.Evidence["multiplier"] != 2.0 {
				t.Errorf("%s: multiplier %v, want cdb's 2", c.ID, c.Evidence["multiplier"])
			}
		}
		if c.Account != "" && c.Account != shopUIN {
			t.Errorf("%s is outside the event's scope", c.ID)
		}
	}
	if projected == 0 {
		t.Error("no MySQL CPU projection")
	}
	for _, s := range a.Scores {
		if s.Checks == 0 || s.Score < 0 || s.Score > 100 {
			t.Errorf("sub-score %+v", s)
		}
	}
}

// Without Cloud Monitor data the capacity checks are unknown, never ready.
func TestAuditWithoutMonitorIsNotReady(t *testing.T) {
	t.Parallel()
	a := audit(t, "testdata/double12.yaml", "deny=monitor:*")
	for _, c := range a.Checks {
		if strings.HasPrefix(c.Kind, "cdb_cpu") && c.Status != Unknown {
			t.Errorf("%s is %s without monitor data", c.ID, c.Status)
		}
	}
	if a.Counts[Unknown] == 0 || a.Verdict == Ready || a.Verdict == ReadyWithRisk {
		t.Errorf("verdict %s with %d unknown checks", a.Verdict, a.Counts[Unknown])
	}
	full := audit(t, "testdata/double12.yaml")
	for i, s := range a.Scores {
		if s.Score > full.Scores[i].Score {
			t.Errorf("%s: %.1f without monitor data, above the full audit's %.1f", s.Group, s.Score, full.Scores[i].Score)
		}
	}
}
