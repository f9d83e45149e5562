package tickets

import (
	"context"
	"path/filepath"
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
	"github.com/tsa-scanner/tsa/scanner/history"
	"github.com/tsa-scanner/tsa/support"
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

func testEngine(t testing.TB) *rules.Engine {
	t.Helper()
	engineOnce.Do(func() { engine, engineErr = rules.New(context.Background(), rules.Options{}) })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}

// demoScan scans the demo scenario's products (all when nil), changed by edit, through the
// emulator over HTTP, with waivers applied.
func demoScan(t testing.TB, products []string, edit func(*fixtures.Scenario), waivers ...config.Waiver) (*result.Scan, *inventory.Inventory, time.Time) {
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
	cfg := &config.Config{
		Endpoint: emu.Endpoint, Concurrency: 4, Timeout: config.Duration(5 * time.Second), Products: products,
		Accounts: []config.Account{
			{UIN: shopUIN, Plan: "enterprise"},
			{UIN: intlUIN, Plan: "business", Role: &config.Role{ARN: "qcs::cam::uin/" + intlUIN + ":roleName/TSAReadOnly", ExternalID: "tsa-demo-7f3a"}},
		},
	}
	res, inv, err := scanner.Run(context.Background(), scanner.Options{
		CollectOptions: scanner.CollectOptions{Config: cfg, Credential: common.NewCredential(key.SecretID, key.SecretKey),
			Client: collectors.Settings{RetryBase: time.Millisecond}},
		Evaluation: scanner.Evaluation{Engine: testEngine(t), Waivers: waivers},
		Now:        sc.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return res, inv, sc.Now
}

// setRenewal changes the renewal flag of the demo's expiring instance ins-cbanspci.
func setRenewal(flag string) func(*fixtures.Scenario) {
	return func(sc *fixtures.Scenario) {
		stored, _ := sc.Get(shopUIN, "ap-guangzhou", "cvm", "DescribeInstances")
		doc, _ := stored.(map[string]any)
		set, _ := doc["InstanceSet"].([]any)
		for _, v := range set {
			if inst, _ := v.(map[string]any); inst["InstanceId"] == "ins-cbanspci" {
				inst["RenewFlag"] = flag
			}
		}
		if err := sc.Set(shopUIN, "ap-guangzhou", "cvm", "DescribeInstances", doc); err != nil {
			panic(err)
		}
	}
}

// TestLifecycleOverDemoScans records demo scans in a store and syncs each: the emulator's
// expiring instance fails (opened), is set to auto-renew (resolved), fails again (reopened),
// is waived (closed with the waiver's reason), fails again (reopened) and then sits in a region
// that cannot be read (unknown: the ticket stays open). Each change is one webhook delivery.
func TestLifecycleOverDemoScans(t *testing.T) {
	t.Parallel()
	store, err := history.Open(context.Background(), filepath.Join(t.TempDir(), "tsa.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	clock := &fakeClock{now: time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)}
	rcv, srv := newReceiver(t, "s3cret", clock)
	policy, err := NewPolicy(config.Tickets{Rules: []string{"TSA-CVM-201"}, Group: "finding", Grades: map[string]string{"TSA-CVM-201": "system_impaired"}},
		testEngine(t).Rules(), support.Builtin(), map[string]string{shopUIN: "enterprise", intlUIN: "basic"})
	if err != nil {
		t.Fatal(err)
	}
	syncer := &Syncer{Ledger: NewLedger(store), Policy: policy, Clock: clock,
		Sinks: []Sink{NewWebhook(srv.URL, "s3cret", 2, srv.Client(), clock)}}
	waiver := config.Waiver{Rule: "TSA-CVM-201", Account: shopUIN, Resource: "ins-cbanspci", Reason: "decommissioned on 2026-12-20",
		Owner: "ops@shop", Source: "waivers.yaml:3"}
	steps := []struct {
		name    string
		edit    func(*fixtures.Scenario)
		waivers []config.Waiver
		event   string // the ticket's latest event after the step
		state   string
		comment string
	}{
		{"fails", nil, nil, EventOpened, Open, "Graded Business/System Abnormality"},
		{"fixed", setRenewal("NOTIFY_AND_AUTO_RENEW"), nil, EventResolved, Resolved, "none fails now"},
		{"broken again", setRenewal("NOTIFY_AND_MANUAL_RENEW"), nil, EventReopened, Open, "failing again in scan 3"},
		{"waived", nil, []config.Waiver{waiver}, EventWaived, Waived, `"decommissioned on 2026-12-20", accepted by ops@shop (waivers.yaml:3)`},
		{"waiver gone", nil, nil, EventReopened, Open, "no longer waived"},
		{"region unreadable", func(sc *fixtures.Scenario) { sc.Faults.RegionDown = []string{"ap-guangzhou"} }, nil, EventReopened, Open, "no longer waived"},
	}
	var id int64
	for i, st := range steps {
		res, inv, now := demoScan(t, []string{"cvm"}, st.edit, st.waivers...)
		rec, err := store.Record(context.Background(), history.Input{Result: res, Inventory: inv, Now: now, Source: "demo:demo", Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		before, _, _ := rcv.seen()
		if _, err := syncer.Sync(context.Background(), Run{ScanID: rec.ScanID, At: res.StartedAt.Add(time.Duration(i) * time.Hour),
			Findings: res.Findings, Assessment: history.NewAssessment(res)}); err != nil {
			t.Fatal(err)
		}
		ts, err := syncer.Ledger.List(context.Background(), Filter{Rules: []string{"TSA-CVM-201"}, Accounts: []string{shopUIN}})
		if err != nil {
			t.Fatal(err)
		}
		var tk *Ticket
		for i := range ts {
			if ts[i].Resource == "ins-cbanspci" {
				tk = &ts[i]
			}
		}
		if tk == nil {
			t.Fatalf("%s: no ticket for ins-cbanspci among %d", st.name, len(ts))
		}
		if id == 0 {
			id = tk.ID
		} else if tk.ID != id {
			t.Fatalf("%s: the key got a new ticket %d, want %d kept", st.name, tk.ID, id)
		}
		events, err := syncer.Ledger.Events(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		last := events[len(events)-1]
		if tk.State != st.state || last.Kind != st.event || !strings.Contains(last.Comment, st.comment) {
			t.Fatalf("%s: state %s, last event %s %q; want %s, %s containing %q", st.name, tk.State, last.Kind, last.Comment, st.state, st.event, st.comment)
		}
		// One delivery per change: the first scan opens the demo's other expiring instances too.
		wantPosts := 1
		if st.name == "region unreadable" {
			wantPosts = 0
		}
		after, _, _ := rcv.seen()
		if got := after - before; i > 0 && got != wantPosts {
			t.Fatalf("%s: %d deliveries, want %d", st.name, got, wantPosts)
		}
		if tk.Grade.Severity != "system_impaired" || tk.Grade.Response != 4*time.Hour {
			t.Fatalf("%s: grade %+v, want system_impaired with enterprise's 4h", st.name, tk.Grade)
		}
	}
	deliveries, err := syncer.Ledger.Deliveries(context.Background(), id, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(deliveries) != 5 {
		t.Fatalf("%d deliveries recorded for the ticket, want 5 (opened, resolved, reopened, waived, reopened)", len(deliveries))
	}
	for _, d := range deliveries {
		if d.State != "delivered" || d.Attempts != 1 || d.Payload != "" {
			t.Fatalf("delivery %+v", d)
		}
	}
}

// TestDeadLetterAndClosedTickets: a receiver that is down leaves dead letters with their
// payload, once per change and with its retries spent only once; a ticket closed by hand is not
// reopened while its finding keeps failing, and syncing the same scan again changes nothing.
func TestDeadLetterAndClosedTickets(t *testing.T) {
	t.Parallel()
	store, err := history.Open(context.Background(), filepath.Join(t.TempDir(), "tsa.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	clock := &fakeClock{now: time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)}
	rcv, srv := newReceiver(t, "s3cret", clock, 500, 500, 500, 500, 500, 500, 500, 500)
	policy, err := NewPolicy(config.Tickets{Severities: []string{"high"}, Limit: 3}, testEngine(t).Rules(), support.Builtin(), nil)
	if err != nil {
		t.Fatal(err)
	}
	syncer := &Syncer{Ledger: NewLedger(store), Policy: policy, Clock: clock, Sinks: []Sink{NewWebhook(srv.URL, "s3cret", 2, srv.Client(), clock)}}
	res, inv, now := demoScan(t, []string{"cvm", "cam"}, nil)
	rec, err := store.Record(context.Background(), history.Input{Result: res, Inventory: inv, Now: now, Source: "demo:demo", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	run := Run{ScanID: rec.ScanID, At: res.StartedAt, Findings: res.Findings, Assessment: history.NewAssessment(res)}
	rep, err := syncer.Sync(context.Background(), run)
	if err != nil {
		t.Fatal(err)
	}
	if posts, _, _ := rcv.seen(); rep.Counts[EventOpened] != 4 || rep.Deferred == 0 || rep.Dead["webhook"] != 4 || posts != 3 || len(rep.Warnings) != 1 {
		t.Fatalf("counts %v, deferred %d, dead %v, posts %d, warnings %v; want 3 tickets and the summary, 4 dead letters after 3 posts",
			rep.Counts, rep.Deferred, rep.Dead, posts, rep.Warnings)
	}
	dead, err := syncer.Ledger.Deliveries(context.Background(), 0, "dead")
	if err != nil {
		t.Fatal(err)
	}
	if len(dead) != 4 || !strings.Contains(dead[0].Payload, `"event":"opened"`) || dead[0].Attempts != 3 || !strings.Contains(dead[1].Error, "failed earlier") {
		t.Fatalf("dead letters: %+v", dead)
	}
	for _, d := range dead {
		if strings.Contains(d.Payload, "s3cret") {
			t.Fatal("the secret reached the store")
		}
	}
	// The same scan again: nothing new, even with room under the limit elsewhere.
	if rep, err = syncer.Sync(context.Background(), run); err != nil || len(rep.Changes) != 0 {
		t.Fatalf("a second sync of scan %d changed %d tickets (%v)", run.ScanID, len(rep.Changes), err)
	}
	open, err := syncer.Ledger.List(context.Background(), Filter{States: []string{Open}})
	if err != nil {
		t.Fatal(err)
	}
	first := open[len(open)-1]
	if _, err := syncer.Ledger.Close(context.Background(), first.ID, "answered in case 123", clock.now); err != nil {
		t.Fatal(err)
	}
	run.ScanID, run.At = run.ScanID+1, run.At.Add(time.Hour)
	if rep, err = syncer.Sync(context.Background(), run); err != nil {
		t.Fatal(err)
	}
	after, err := syncer.Ledger.Get(context.Background(), first.ID)
	if err != nil || after.State != Closed {
		t.Fatalf("a ticket closed by hand came back as %s (%v)", after.State, err)
	}
	for _, c := range rep.Changes {
		if c.Ticket.Key == first.Key {
			t.Fatalf("a ticket closed by hand got a change while its finding kept failing: %+v", c.Event)
		}
	}
}

// TestGroupTicketIsUpdatedNotDuplicated: with one ticket per rule and account, a second
// resource failing the same rule is a comment on the existing ticket, and an older scan cannot
// be synced over a newer one.
func TestGroupTicketIsUpdatedNotDuplicated(t *testing.T) {
	t.Parallel()
	store, err := history.Open(context.Background(), filepath.Join(t.TempDir(), "tsa.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	policy, err := NewPolicy(config.Tickets{Rules: []string{"TSA-CVM-201"}}, testEngine(t).Rules(), support.Builtin(), map[string]string{shopUIN: "basic"})
	if err != nil {
		t.Fatal(err)
	}
	syncer := &Syncer{Ledger: NewLedger(store), Policy: policy, Clock: &fakeClock{}}
	expireSoon := func(sc *fixtures.Scenario) {
		stored, _ := sc.Get(shopUIN, "ap-beijing", "cvm", "DescribeInstances")
		doc, _ := stored.(map[string]any)
		set, _ := doc["InstanceSet"].([]any)
		for _, v := range set {
			if inst, _ := v.(map[string]any); inst["InstanceId"] == "ins-4i69bs9h" {
				inst["ExpiredTime"] = "2026-12-01T10:34:46Z"
			}
		}
		if err := sc.Set(shopUIN, "ap-beijing", "cvm", "DescribeInstances", doc); err != nil {
			panic(err)
		}
	}
	var runs []Run
	for _, edit := range []func(*fixtures.Scenario){nil, expireSoon} {
		res, inv, now := demoScan(t, []string{"cvm"}, edit)
		rec, err := store.Record(context.Background(), history.Input{Result: res, Inventory: inv, Now: now, Source: "demo:demo", Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		run := Run{ScanID: rec.ScanID, At: res.StartedAt, Findings: res.Findings, Assessment: history.NewAssessment(res)}
		runs = append(runs, run)
		if _, err := syncer.Sync(context.Background(), run); err != nil {
			t.Fatal(err)
		}
	}
	ts, err := syncer.Ledger.List(context.Background(), Filter{Accounts: []string{shopUIN}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 || ts[0].Key != "TSA-CVM-201|"+shopUIN || ts[0].Resource != "" {
		t.Fatalf("%d tickets for the shop account, want one group ticket: %+v", len(ts), ts)
	}
	events, err := syncer.Ledger.Events(context.Background(), ts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[1].Kind != EventUpdated || !strings.Contains(events[1].Comment, "newly failing: ins-4i69bs9h") {
		t.Fatalf("events %+v", events)
	}
	if _, err := syncer.Sync(context.Background(), runs[0]); err == nil || !strings.Contains(err.Error(), "older than scan") {
		t.Fatalf("syncing an older scan: %v", err)
	}
}
