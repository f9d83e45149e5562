package scanner

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/collectors"
	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/rules"
)

// faultScan is one scan of a scenario through the emulator with faults injected.
type faultScan struct {
	res   *result.Scan // nil when only collected
	inv   *inventory.Inventory
	calls []fixtures.Call // what the emulator answered
}

// scanOptions tune one fault scan.
type scanOptions struct {
	faults  []string // --fault syntax
	client  collectors.Settings
	timeout time.Duration // per call; zero means 5 s
	// progress builds a progress hook that may cancel the scan; answered counts the calls the
	// emulator has answered so far.
	progress func(cancel context.CancelFunc, answered func() int) Progress
	emulator []fixtures.Option
	// collectOnly skips evaluation, for tests about collection over large estates.
	collectOnly bool
	// products limits the collectors (config products); empty means all.
	products []string
}

// fastClient retries at millisecond scale and lifts tsa's own rate limiter (which has its own
// test, TestPublishedLimitsAreNotExceeded), so a demo scan is not paced at the published limits.
var fastClient = collectors.Settings{RetryBase: time.Millisecond, RateFactor: 1000}

// monitorEnd is where every test scan's Cloud Monitor windows end: the emulator lays the stored
// values onto the asked window, so scans a period boundary apart would read other timestamps
// (and other daily means); pinned, two scans of a scenario read the same series.
var monitorEnd = time.Now()

// testEngine compiles the rule library once for every scan of the test binary: the engine is
// safe for concurrent use.
var testEngine = sync.OnceValues(func() (*rules.Engine, error) { return rules.New(context.Background(), rules.Options{}) })

func scanScenario(t *testing.T, sc *fixtures.Scenario, o scanOptions) faultScan {
	t.Helper()
	for _, f := range o.faults {
		if err := sc.Faults.Set(f); err != nil {
			t.Fatal(err)
		}
	}
	emu, err := fixtures.Listen(sc, "127.0.0.1:0", o.emulator...)
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	cfg, cred, err := sc.ScanConfig(emu.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Concurrency = 4
	if o.client.Now == nil {
		o.client.Now = func() time.Time { return monitorEnd }
	}
	cfg.Products = o.products
	cfg.Timeout = config.Duration(5 * time.Second)
	if o.timeout > 0 {
		cfg.Timeout = config.Duration(o.timeout)
	}
	engine, err := testEngine()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var progress Progress
	if o.progress != nil {
		progress = o.progress(cancel, func() int { return len(emu.Calls()) })
	}
	if o.collectOnly {
		col, err := Collect(ctx, CollectOptions{Config: cfg, Credential: cred, Client: o.client})
		if err != nil {
			t.Fatalf("the scan did not complete: %v", err)
		}
		return faultScan{inv: col.Inventory, calls: emu.Calls()}
	}
	res, inv, err := Run(ctx, Options{
		CollectOptions: CollectOptions{Config: cfg, Credential: cred, Client: o.client, Progress: progress},
		Evaluation:     Evaluation{Engine: engine},
		Now:            sc.Now,
	})
	if err != nil {
		t.Fatalf("the scan did not complete: %v", err)
	}
	return faultScan{res: res, inv: inv, calls: emu.Calls()}
}

func loadDemo(t *testing.T) *fixtures.Scenario {
	t.Helper()
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// faultCount counts the emulator's answers shaped by a fault.
func (s faultScan) faultCount(fault string) int {
	n := 0
	for _, c := range s.calls {
		if c.Fault == fault {
			n++
		}
	}
	return n
}

func (s faultScan) totals() (calls, retries, throttles, errs int) {
	for _, c := range s.res.Calls {
		calls, retries, throttles, errs = calls+c.Calls, retries+c.Retries, throttles+c.Throttles, errs+c.Errors
	}
	return
}

// sameResources fails unless two inventories hold the same resources with the same data.
func sameResources(t *testing.T, got, want *inventory.Inventory) {
	t.Helper()
	if len(got.Resources) != len(want.Resources) {
		t.Fatalf("%d resources, want %d", len(got.Resources), len(want.Resources))
	}
	for i := range got.Resources {
		g, _ := json.Marshal(got.Resources[i])
		w, _ := json.Marshal(want.Resources[i])
		if string(g) != string(w) {
			t.Fatalf("resource %s %s %s differs from the scan without faults", got.Resources[i].Account, got.Resources[i].Region, got.Resources[i].ID)
		}
	}
}

// fastClock runs the emulator's clock factor times faster than the wall clock from its first
// reading, so its 1-second throttling windows and credential lifetimes pass in a fraction of a
// second, but never more than 4 minutes ahead: the emulator refuses requests signed more than 5
// minutes from its time, and a scan slowed by a loaded machine must not reach that.
func fastClock(factor time.Duration) fixtures.Option {
	var (
		once  sync.Once
		start time.Time
	)
	return fixtures.WithClock(func() time.Time {
		once.Do(func() { start = time.Now() })
		elapsed := time.Since(start)
		return start.Add(min(elapsed*factor, elapsed+4*time.Minute))
	})
}

// steppedClock runs the emulator's clock ahead of the wall clock by step at every reading, so
// credential lifetimes pass after a number of calls whatever the machine's speed: a fresh
// credential is not expired by a loaded machine before its first use, as under a clock that
// runs a multiple of the wall clock.
func steppedClock(step time.Duration) fixtures.Option {
	var readings atomic.Int64
	return fixtures.WithClock(func() time.Time {
		return time.Now().Add(time.Duration(readings.Add(1)) * step)
	})
}

// TestTransientFaultsLoseNothing: throttling, server errors, gateway errors, resets, timeouts,
// truncated bodies, latency and expiring credentials are retried or absorbed, and the scan
// reads exactly what it reads without faults.
func TestTransientFaultsLoseNothing(t *testing.T) {
	t.Parallel()
	base := scanScenario(t, loadDemo(t), scanOptions{client: fastClient})
	if base.res.Partial || len(base.inv.Resources) == 0 {
		t.Fatalf("the scan without faults is partial: %+v", base.res.Coverage.Failures)
	}
	tests := []struct {
		name    string
		o       scanOptions
		fault   string // the fault the emulator must have injected at least once
		elapsed time.Duration
	}{
		{name: "internal errors", o: scanOptions{faults: []string{"error-rate=0.3", "seed=1"}}, fault: "error"},
		{name: "gateway 502", o: scanOptions{faults: []string{"http5xx-rate=0.3", "seed=2"}}, fault: "http5xx"},
		{name: "connection resets", o: scanOptions{faults: []string{"reset-rate=0.3", "seed=3"}}, fault: "reset"},
		{name: "timeouts", o: scanOptions{faults: []string{"timeout-rate=0.1", "seed=4"}, timeout: 100 * time.Millisecond}, fault: "timeout"},
		{name: "truncated bodies", o: scanOptions{faults: []string{"malformed-rate=0.3", "seed=5"}}, fault: "malformed"},
		// Backoff from 20 ms under a clock 10× fast is the default 200 ms in real time.
		{name: "throttled to 2 calls a second", o: scanOptions{faults: []string{"throttle=2"}, emulator: []fixtures.Option{fastClock(10)},
			client: collectors.Settings{RetryBase: 20 * time.Millisecond, RateFactor: fastClient.RateFactor}}, fault: "throttle"},
		{name: "latency", o: scanOptions{faults: []string{"latency=15ms±5ms"}}, elapsed: 30 * time.Millisecond},
		// A 2-second credential expires every 200 readings of the emulator's clock.
		{name: "credentials expire mid-scan", o: scanOptions{faults: []string{"token-lifetime=2s", "latency=20ms"},
			emulator: []fixtures.Option{steppedClock(10 * time.Millisecond)}}, fault: "token"},
		{name: "everything at once", o: scanOptions{faults: []string{"error-rate=0.1", "http5xx-rate=0.1", "reset-rate=0.1",
			"malformed-rate=0.1", "latency=5ms±5ms", "seed=6"}}, fault: "reset"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A scan slowed down by its neighbours is, under a fast emulator clock, a scan whose
			// signatures expire: those run alone.
			if len(tt.o.emulator) == 0 {
				t.Parallel()
			}
			if tt.o.client.RetryBase == 0 {
				// A demo scan makes hundreds of calls; at these fault rates the default six
				// retries would leave one unlucky call in a thousand unread, which is the
				// behaviour of another test. Here every transient fault must be outlasted.
				tt.o.client = collectors.Settings{RetryBase: time.Millisecond, MaxRetries: 12, RateFactor: fastClient.RateFactor}
			}
			started := time.Now()
			s := scanScenario(t, loadDemo(t), tt.o)
			if s.res.Partial || s.res.Coverage.Failed > 0 {
				t.Fatalf("partial after retries: %+v", s.res.Coverage.Failures)
			}
			sameResources(t, s.inv, base.inv)
			calls, retries, throttles, _ := s.totals()
			switch tt.fault {
			case "":
			case "token":
				expired := 0
				for _, c := range s.calls {
					if c.Code == "AuthFailure.TokenFailure" {
						expired++
					}
				}
				if expired == 0 {
					t.Fatal("no credentials expired during the scan: the test proves nothing")
				}
			default:
				injected := s.faultCount(tt.fault)
				for _, c := range s.calls {
					if c.Fault == "reset" && c.Service == "cos" {
						injected-- // Go's transport itself resends a GET whose reused connection was reset
					}
				}
				if injected == 0 {
					t.Fatalf("the emulator injected no %s", tt.fault)
				}
				if retries < injected {
					t.Errorf("%d %s faults but %d retries", injected, tt.fault, retries)
				}
			}
			if tt.fault == "throttle" && throttles != s.faultCount("throttle") {
				t.Errorf("%d throttles counted, %d answered", throttles, s.faultCount("throttle"))
			}
			if calls < len(s.calls)-s.faultCount("reset")-s.faultCount("timeout") {
				t.Errorf("%d calls counted, the emulator answered %d", calls, len(s.calls))
			}
			if time.Since(started) < tt.elapsed {
				t.Errorf("the scan took %v under %v of latency", time.Since(started), tt.elapsed)
			}
		})
	}
}

// TestPermanentFaultsAreUnknownAndReported: a missing permission or a dead region is reported
// with its code (and the CAM action to grant), never retried as if it were transient, and what
// it hides is unknown, never pass. The rest of the scan is unaffected.
func TestPermanentFaultsAreUnknownAndReported(t *testing.T) {
	t.Parallel()
	base := scanScenario(t, loadDemo(t), scanOptions{client: fastClient})
	tests := []struct {
		name   string
		fault  string
		action string   // the action that fails
		region string   // where, "" for everywhere
		code   string   // its coverage code
		grant  bool     // the failure names the permission to grant
		types  []string // resource types rules cannot judge
	}{
		{"deny instances", "deny=cvm:DescribeInstances", "cvm:DescribeInstances", "", "UnauthorizedOperation", true, []string{"cvm.instance"}},
		{"deny security group policies", "deny=vpc:DescribeSecurityGroupPolicies", "vpc:DescribeSecurityGroupPolicies", "", "UnauthorizedOperation", true, []string{"vpc.security_group"}},
		{"deny a whole service", "deny=cbs:*", "cbs:DescribeDisks", "", "UnauthorizedOperation", true, []string{"cbs.disk", "cbs.snapshot", "cbs.auto_snapshot_policy", "cbs.disk_quota"}},
		{"region down", "region-down=ap-shanghai", "cvm:DescribeInstances", "ap-shanghai", "InternalError", false,
			[]string{"cvm.instance", "vpc.security_group", "cbs.disk", "cbs.snapshot"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := scanScenario(t, loadDemo(t), scanOptions{faults: []string{tt.fault}, client: fastClient})
			if !s.res.Partial {
				t.Fatal("not marked partial")
			}
			failed := 0
			for _, f := range s.res.Coverage.Failures {
				if f.Action != tt.action || (tt.region != "" && f.Region != tt.region) {
					continue
				}
				failed++
				if f.Code != tt.code || (tt.grant && (f.Grant != tt.action || !strings.Contains(f.Message, tt.action))) {
					t.Errorf("failure record: %+v", f)
				}
			}
			if failed == 0 {
				t.Fatalf("no coverage failure for %s: %+v", tt.action, s.res.Coverage.Failures)
			}
			if tt.grant {
				for _, st := range s.res.Calls {
					if st.Action == tt.action && st.Retries > 0 {
						t.Errorf("a permission error was retried: %+v", st)
					}
				}
			}
			// Rules over the hidden types are unknown where the data is missing, and nothing
			// there passes or fails.
			unknown := 0
			for _, f := range s.res.Findings {
				if !overlaps(ruleTypes(s.res, f.RuleID), tt.types) || (tt.region != "" && f.Region != tt.region) {
					continue
				}
				switch f.Status {
				case result.Unknown:
					unknown++
				case result.Fail:
					t.Errorf("a finding from data that was not read: %+v", f)
				}
			}
			if unknown == 0 {
				t.Error("no unknown findings for what could not be read")
			}
			// What the fault does not touch is read as without it.
			for _, r := range base.inv.Resources {
				// A dead region hides all of itself; metric series vanish with their subjects.
				if tt.region != "" && r.Region == tt.region || tt.region == "" && (contains(tt.types, r.Type) || r.Type == "monitor.metric") {
					continue
				}
				if !hasResource(s.inv, r) {
					t.Fatalf("resource %s %s %s lost", r.Account, r.Region, r.ID)
				}
			}
		})
	}
}

// TestDeadRegionDoesNotHoldThePool: once a call in a dead region has used up its retries, the
// region's other calls get a single attempt each, so the dead region costs little.
func TestDeadRegionDoesNotHoldThePool(t *testing.T) {
	t.Parallel()
	sc := loadDemo(t)
	s := scanScenario(t, sc, scanOptions{faults: []string{"region-down=ap-shanghai"},
		client: collectors.Settings{RetryBase: time.Millisecond, MaxRetries: 5}})
	planned, dead := map[string]bool{}, 0
	for _, c := range s.calls {
		if c.Fault == "region-down" {
			planned[c.Account+" "+c.Action] = true
			dead++
		}
	}
	// Without the limit every planned call would take 1 + 5 attempts.
	if dead >= len(planned)*6 {
		t.Fatalf("%d calls to the dead region for %d planned actions", dead, len(planned))
	}
	if len(planned) == 0 {
		t.Fatal("no call reached the dead region")
	}
}

// TestPublishedLimitsAreNotExceeded: at the published limits tsa's own limiter keeps every
// account × region × action under its limit, so nothing is throttled, while a client that
// ignores the limits is.
func TestPublishedLimitsAreNotExceeded(t *testing.T) {
	estate := func() *fixtures.Scenario {
		// 106 security groups per account and region: 106 policy calls against a limit of 100/s.
		sc, err := fixtures.Estate(fixtures.EstateSpec{Seed: 3, Regions: 1, Resources: 2100})
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	// The estate holds instances, security groups and disks only.
	products := []string{"cvm", "vpc", "cbs"}
	base := scanScenario(t, estate(), scanOptions{collectOnly: true, products: products, client: collectors.Settings{RetryBase: time.Millisecond, RateFactor: 10}})
	limited := scanScenario(t, estate(), scanOptions{collectOnly: true, products: products, faults: []string{"throttle"},
		client: collectors.Settings{RetryBase: time.Millisecond, RateFactor: collectors.DefaultRateFactor}})
	if n := limited.faultCount("throttle"); n > 0 {
		t.Fatalf("tsa was throttled %d times at the published limits", n)
	}
	sameResources(t, limited.inv, base.inv)

	// The emulator's clock stands still, so every call falls in one window.
	now := time.Now()
	greedy := scanScenario(t, estate(), scanOptions{collectOnly: true, products: products, faults: []string{"throttle"},
		client: collectors.Settings{MaxRetries: -1, RateFactor: 10}, emulator: []fixtures.Option{fixtures.WithClock(func() time.Time { return now })}})
	if n := greedy.faultCount("throttle"); n != 2*(106-100) {
		t.Fatalf("a client at 10× the published limits was throttled %d times, want 12", n)
	}
}

// TestFaultsAreReproducibleFromTheSeed: the same seed injects the same faults into the same
// requests, whatever order the concurrent scan sends them in; another seed does not.
func TestFaultsAreReproducibleFromTheSeed(t *testing.T) {
	t.Parallel()
	pattern := func(seed int) []string {
		// Cloud Monitor requests carry a wall-clock time window, so no two scans send the same
		// ones; the products whose requests are stable show the seed at work.
		s := scanScenario(t, loadDemo(t), scanOptions{client: fastClient, products: []string{"cvm", "vpc", "cbs", "clb", "cdb", "redis", "mongodb", "cam", "ssl"},
			faults: []string{"error-rate=0.3", "malformed-rate=0.2", fmt.Sprintf("seed=%d", seed)}})
		var out []string
		for _, c := range s.calls {
			out = append(out, c.Account+" "+c.Region+" "+c.Service+":"+c.Action+" "+c.Fault)
		}
		sort.Strings(out)
		return out
	}
	a, b, c := pattern(11), pattern(11), pattern(12)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed injected different faults")
	}
	if reflect.DeepEqual(a, c) {
		t.Fatal("another seed injected the same faults")
	}
}

// TestInterruptKeepsWhatWasCollected cancels a scan after its first task and checks that it
// stops at once (no call beyond those already in flight is answered after the signal), is
// marked interrupted, keeps every resource read before the signal unchanged, and records an
// outcome for every planned list call, so what was not read is unknown.
func TestInterruptKeepsWhatWasCollected(t *testing.T) {
	t.Parallel()
	base := scanScenario(t, loadDemo(t), scanOptions{client: fastClient})
	atSignal := -1
	s := scanScenario(t, loadDemo(t), scanOptions{client: fastClient, faults: []string{"latency=20ms"},
		progress: func(cancel context.CancelFunc, answered func() int) Progress {
			return func(done, total int, msg string) {
				// The signal comes once the first task that read something has finished.
				if atSignal < 0 && !strings.HasSuffix(msg, ": 0 resources") {
					atSignal = answered()
					cancel()
				}
			}
		}})
	// At most scanScenario's 4 tasks × collectors' 8 per-resource calls are in flight at the
	// signal; a scan that went on would make hundreds more.
	if after := len(s.calls) - atSignal; atSignal < 0 || after > 4*8 {
		t.Errorf("%d calls answered after the signal (%d before)", after, atSignal)
	}
	if !s.res.Interrupted || !s.res.Partial {
		t.Fatalf("interrupted=%v partial=%v", s.res.Interrupted, s.res.Partial)
	}
	if len(s.inv.Resources) == 0 || len(s.inv.Resources) >= len(base.inv.Resources) {
		t.Fatalf("%d resources kept of %d", len(s.inv.Resources), len(base.inv.Resources))
	}
	for _, r := range s.inv.Resources {
		if !hasResource(base.inv, r) {
			t.Fatalf("resource %s differs from the uninterrupted scan", r.ID)
		}
	}
	outcomes := map[string]bool{}
	cancelledCalls := 0
	for _, c := range s.inv.Coverage {
		outcomes[c.Account+" "+c.Region+" "+c.Action] = true
		if c.Code == collectors.CodeInterrupted {
			cancelledCalls++
		}
	}
	for _, c := range base.inv.Coverage {
		if len(c.ResourceTypes) > 0 && !outcomes[c.Account+" "+c.Region+" "+c.Action] {
			t.Errorf("no outcome recorded for %s %s %s", c.Account, c.Region, c.Action)
		}
	}
	if cancelledCalls == 0 {
		t.Error("no call is recorded as cancelled")
	}
	unknown := 0
	for _, f := range s.res.Findings {
		if f.Status == result.Unknown {
			unknown++
		}
	}
	if unknown == 0 {
		t.Error("nothing is unknown after an interruption")
	}
}

func ruleTypes(res *result.Scan, id string) []string {
	for _, r := range res.Rules {
		if r.Rule.ID == id {
			return r.Rule.ResourceTypes
		}
	}
	return nil
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// hasResource reports whether inv holds r with the same data. When r has gaps, its related
// data is missing rather than different, and only the rest is compared.
func hasResource(inv *inventory.Inventory, r inventory.Resource) bool {
	for _, x := range inv.Resources {
		if x.Type == r.Type && x.ID == r.ID && x.Account == r.Account {
			if len(r.Gaps) > 0 {
				r.Gaps, r.Related, x.Related = nil, nil, nil
			}
			got, _ := json.Marshal(x)
			want, _ := json.Marshal(r)
			return string(got) == string(want)
		}
	}
	return false
}
