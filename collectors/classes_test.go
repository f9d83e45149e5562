package collectors

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/inventory"
)

// fakeSleep is the retry clock of a test: it records each backoff instead of waiting.
type fakeSleep struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (f *fakeSleep) sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	f.waits = append(f.waits, d)
	f.mu.Unlock()
	return ctx.Err()
}

func (f *fakeSleep) total() (n int, sum time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, d := range f.waits {
		sum += d
	}
	return len(f.waits), sum
}

// faultyDemo serves the demo scenario with faults in the --fault syntax.
func faultyDemo(t *testing.T, faults ...string) (*fixtures.Running, *Caller, *fakeSleep, *fixtures.Scenario) {
	t.Helper()
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range faults {
		if err := sc.Faults.Set(f); err != nil {
			t.Fatal(err)
		}
	}
	emu, _, _ := listen(t, sc)
	clock := &fakeSleep{}
	caller, err := NewCaller(Settings{Endpoint: emu.Endpoint, RateFactor: 10, Sleep: clock.sleep})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(caller.Close)
	return emu, caller, clock, sc
}

func coverageOf(t *testing.T, c *Client, action string) inventory.Call {
	t.Helper()
	for _, cov := range c.Coverage() {
		if cov.Action == action {
			return cov
		}
	}
	t.Fatalf("no coverage recorded for %s: %+v", action, c.Coverage())
	return inventory.Call{}
}

func emulatorCalls(emu *fixtures.Running, service, action string) int {
	n := 0
	for _, c := range emu.Calls() {
		if c.Service == service && c.Action == action {
			n++
		}
	}
	return n
}

// TestDecodeMismatchIsPermanent: an answer with a field in the wrong JSON type fails that call
// once, with a one-line message naming the field and the types; it is not retried and does not
// make the region unreachable for the calls after it.
func TestDecodeMismatchIsPermanent(t *testing.T) {
	t.Parallel()
	emu, caller, clock, sc := faultyDemo(t, "mistype=cvm:DescribeInstances")
	c := caller.Client(shopUIN, "ap-guangzhou", credOf(sc))
	res, err := collectCVM(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	cov := coverageOf(t, c, "cvm:DescribeInstances")
	if cov.OK || cov.Code != "ClientError.ParseJsonError" {
		t.Fatalf("coverage: %+v", cov)
	}
	// The emulator turns the first leaf in field order, InstanceSet[0].CPU, into a string; the
	// message names the SDK model's type and field.
	want := "the answer's field Instance.CPU is a JSON string where the SDK's model has int64"
	if cov.Message != want {
		t.Errorf("message %q, want %q", cov.Message, want)
	}
	if n := emulatorCalls(emu, "cvm", "DescribeInstances"); n != 1 {
		t.Errorf("DescribeInstances was sent %d times; a decode mismatch is not retried", n)
	}
	if n, _ := clock.total(); n != 0 {
		t.Errorf("%d backoffs for a permanent failure", n)
	}
	if caller.isUnreachable(shopUIN, "ap-guangzhou") {
		t.Error("a decode mismatch marked the region unreachable")
	}
	for _, r := range res {
		if r.Type == "cvm.instance" {
			t.Errorf("instance %s kept from an answer that did not decode", r.ID)
		}
	}
	if quota := coverageOf(t, c, "cvm:DescribeAccountQuota"); !quota.OK {
		t.Errorf("the next action failed too: %+v", quota)
	}
}

// TestCOSNotXMLIsAnError: a 200 answer that is not COS's XML (a proxy's page, which the COS SDK
// decodes as an empty list) fails the read; it never reads as "no buckets".
func TestCOSNotXMLIsAnError(t *testing.T) {
	t.Parallel()
	_, caller, _, sc := faultyDemo(t, "cos-not-xml")
	c := caller.Client(shopUIN, "", credOf(sc))
	res, err := collectCOS(context.Background(), c)
	if err != nil || len(res) != 0 {
		t.Fatalf("%d resources, err %v", len(res), err)
	}
	cov := coverageOf(t, c, "cos:GetService")
	if cov.OK || cov.Code != CodeNotXML || !strings.Contains(cov.Message, "not XML") ||
		!strings.Contains(cov.Message, "text/plain") {
		t.Fatalf("coverage: %+v", cov)
	}
}

// TestCOSFaultsApply: --fault deny=cos:… and the other faults reach COS as they reach API 3.0.
func TestCOSFaultsApply(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fault, action, code string
	}{
		{"deny=cos:*", "cos:GetService", "AccessDenied"},
		{"deny=cos:GetBucketACL", "cos:GetBucketACL", "AccessDenied"},
		{"error-rate=1", "cos:GetService", "InternalError"},
		{"http5xx-rate=1", "cos:GetService", "ClientError.HttpStatusCodeError"},
		{"throttle=1", "cos:GetBucketPolicy", "SlowDown"},
	}
	for _, tt := range tests {
		t.Run(tt.fault, func(t *testing.T) {
			t.Parallel()
			_, caller, _, sc := faultyDemo(t, tt.fault)
			c := caller.Client(shopUIN, "", credOf(sc))
			if _, err := collectCOS(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			cov := coverageOf(t, c, tt.action)
			if cov.OK || cov.Code != tt.code {
				t.Fatalf("coverage: %+v", cov)
			}
			if tt.code == "AccessDenied" && cov.Grant != tt.action {
				t.Errorf("no grant named: %+v", cov)
			}
		})
	}
}

// TestExpiredOnArrivalIsClockSkew: temporary credentials that are expired by this machine's
// clock when they arrive give one error about the clock, not a new AssumeRole before every call
// and not a complaint about the SecretKey.
func TestExpiredOnArrivalIsClockSkew(t *testing.T) {
	t.Parallel()
	// The emulator's clock is 2 minutes behind (inside the signature's 5-minute window) and
	// its credentials live 60 s: they expire a minute before this machine's now.
	emu, caller, _, sc := faultyDemo(t, "token-lifetime=60s", "clock-skew=-2m")
	_, err := caller.AssumeRole(context.Background(), credOf(sc),
		Role{ARN: "qcs::cam::uin/" + intlUIN + ":roleName/TSAReadOnly", ExternalID: "tsa-demo-7f3a"})
	if !IsClockSkew(err) || IsCredential(err) || ErrorCode(err) != CodeClockSkew {
		t.Fatalf("got %v (code %s)", err, ErrorCode(err))
	}
	if msg := err.Error(); !strings.Contains(msg, "clock") || strings.Contains(msg, "SecretKey") {
		t.Errorf("message: %s", msg)
	}
	if n := emulatorCalls(emu, "sts", "AssumeRole"); n != 1 {
		t.Errorf("AssumeRole sent %d times", n)
	}
}

// TestSignatureExpireIsClockSkewNotCredential: the API refusing a request's timestamp blames the
// clock.
func TestSignatureExpireIsClockSkewNotCredential(t *testing.T) {
	t.Parallel()
	_, caller, _, sc := faultyDemo(t, "clock-skew=10m")
	_, err := DiscoverRegions(context.Background(), caller.Client(shopUIN, "", credOf(sc)))
	if ErrorCode(err) != "AuthFailure.SignatureExpire" || !IsClockSkew(err) || IsCredential(err) {
		t.Fatalf("got %v", err)
	}
}

// TestUnderstatedTotalCountReadsEveryPage: answers that say TotalCount 0 while carrying items are
// read on while their pages come back full.
func TestUnderstatedTotalCountReadsEveryPage(t *testing.T) {
	setListLimit(t, 2)
	_, caller, _, sc := faultyDemo(t, "total-count=0")
	c := caller.Client(shopUIN, "ap-guangzhou", credOf(sc))
	res, err := collectCVM(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	instances := 0
	for _, r := range res {
		if r.Type == "cvm.instance" {
			instances++
		}
	}
	if instances != 9 {
		t.Errorf("%d instances read, the region has 9", instances)
	}
	if cov := coverageOf(t, c, "cvm:DescribeInstances"); !cov.OK {
		t.Errorf("coverage: %+v", cov)
	}
}

// TestOverstatedTotalCountIsIncomplete: a total far beyond the list, with pages past its end
// repeating its items, stops at the first page that adds nothing new and leaves the list
// incomplete, never silently cut or endless.
func TestOverstatedTotalCountIsIncomplete(t *testing.T) {
	setListLimit(t, 4)
	emu, caller, _, sc := faultyDemo(t, "total-count=1000000000")
	c := caller.Client(shopUIN, "ap-guangzhou", credOf(sc))
	if _, err := collectCVM(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	cov := coverageOf(t, c, "cvm:DescribeInstances")
	if cov.OK || cov.Code != CodeIncomplete || !strings.Contains(cov.Message, "repeats items") {
		t.Fatalf("coverage: %+v", cov)
	}
	// 9 instances in pages of 4: three pages, then the fourth repeats the first items.
	if n := emulatorCalls(emu, "cvm", "DescribeInstances"); n != 4 {
		t.Errorf("%d pages read", n)
	}
}

// TestInterruptedCollectorKeepsWhatItRead: a cancellation between a list and its per-resource
// calls keeps every listed resource, each with a gap for the calls it cut short, and records
// those calls as interrupted.
func TestInterruptedCollectorKeepsWhatItRead(t *testing.T) {
	t.Parallel()
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	emu := fixtures.NewServer(sc)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-TC-Action") == "DescribeBackupConfig" {
			cancel() // the signal arrives as the first per-instance call is made
		}
		emu.ServeHTTP(w, r)
	}))
	defer srv.Close()
	caller, _ := NewCaller(Settings{Endpoint: srv.URL, RateFactor: 10})
	c := caller.Client(shopUIN, "ap-guangzhou", credOf(sc))
	res, err := collectCDB(ctx, c)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want the cancellation", err)
	}
	if len(res) != 5 {
		t.Fatalf("%d instances kept, the region has 5", len(res))
	}
	for _, r := range res {
		if len(r.Gaps) == 0 || r.Gaps[len(r.Gaps)-1].Code != CodeInterrupted {
			t.Errorf("%s: gaps %+v", r.ID, r.Gaps)
		}
	}
	if cov := coverageOf(t, c, "cdb:DescribeDBInstances"); !cov.OK {
		t.Errorf("the list was read whole: %+v", cov)
	}
	if cov := coverageOf(t, c, "cdb:DescribeAccounts"); cov.OK || cov.Code != CodeInterrupted {
		t.Errorf("coverage: %+v", cov)
	}
}

// credOf is the base credential of a scenario: its first account's first key.
func credOf(sc *fixtures.Scenario) common.CredentialIface {
	k := sc.Accounts[0].Keys[0]
	return common.NewCredential(k.SecretID, k.SecretKey)
}
