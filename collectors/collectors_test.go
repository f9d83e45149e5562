package collectors

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"

	"github.com/tsa-scanner/tsa/fixtures"
)

const (
	shopUIN = "100012345678"
	intlUIN = "100087654321"
)

func demo(t *testing.T) (*fixtures.Running, *fixtures.Scenario, common.CredentialIface) {
	t.Helper()
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	return listen(t, sc)
}

func listen(t *testing.T, sc *fixtures.Scenario) (*fixtures.Running, *fixtures.Scenario, common.CredentialIface) {
	t.Helper()
	emu, err := fixtures.Listen(sc, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	k := sc.Accounts[0].Keys[0]
	return emu, sc, common.NewCredential(k.SecretID, k.SecretKey)
}

// TestWriteActionsCannotLeave proves the read-only promise: an SDK client built by tsa's client
// layer cannot send a write action; the guard refuses it before anything reaches the network.
func TestWriteActionsCannotLeave(t *testing.T) {
	emu, _, cred := demo(t)
	caller, err := NewCaller(Settings{Endpoint: emu.Endpoint, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	c := caller.Client(shopUIN, "ap-guangzhou", cred)
	cl, err := newSDK(c, cvm.NewClient)
	if err != nil {
		t.Fatal(err)
	}
	before := len(emu.Calls())

	// Straight through the SDK client, bypassing tsa's call helper.
	req := cvm.NewTerminateInstancesRequest()
	req.InstanceIds = common.StringPtrs([]string{"ins-8x2kd01a"})
	if _, err := cl.TerminateInstances(req); err == nil || !strings.Contains(err.Error(), "read-only guard") {
		t.Fatalf("TerminateInstances was not refused: %v", err)
	}
	// Through tsa's call helper.
	_, err = call(context.Background(), c, "cvm:RunInstances", func(ctx context.Context) (*cvm.RunInstancesResponse, error) {
		return cl.RunInstancesWithContext(ctx, cvm.NewRunInstancesRequest())
	})
	if !errors.Is(err, ErrNotReadOnly) {
		t.Fatalf("RunInstances: got %v", err)
	}
	if n := len(emu.Calls()) - before; n != 0 {
		t.Fatalf("%d requests reached the emulator", n)
	}
	// A read goes out through the same client.
	if _, err := cl.DescribeInstances(cvm.NewDescribeInstancesRequest()); err != nil {
		t.Fatal(err)
	}
}

func TestDeclaredActionsAreReadOnly(t *testing.T) {
	read := regexp.MustCompile(`^[a-z]+:(Describe|List|Get|Inquiry|LookUp)[A-Za-z]*$`)
	for _, a := range ReadOnlyActions() {
		if a == "sts:AssumeRole" {
			continue
		}
		if !read.MatchString(a) {
			t.Errorf("declared action %s is not a read action", a)
		}
	}
}

func TestCollectorsReadEveryPageAndRecordCoverage(t *testing.T) {
	emu, _, cred := demo(t)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint})
	c := caller.Client(shopUIN, "ap-guangzhou", cred)
	ctx := context.Background()
	// Pages of 3 force several round trips.
	cl, _ := newSDK(c, cvm.NewClient)
	instances, err := pages(ctx, c, "cvm:DescribeInstances", []string{"cvm.instance"}, 3,
		func(ctx context.Context, offset, limit int) ([]*cvm.Instance, int, error) {
			req := cvm.NewDescribeInstancesRequest()
			req.Offset, req.Limit = common.Int64Ptr(int64(offset)), common.Int64Ptr(int64(limit))
			resp, err := cl.DescribeInstancesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.InstanceSet, int(deref(resp.Response.TotalCount)), nil
		})
	if err != nil {
		t.Fatal(err)
	}
	full, err := collectCVM(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(instances) != len(full) || len(full) < 4 {
		t.Fatalf("paged read %d instances, one-page read %d", len(instances), len(full))
	}
	for _, col := range All {
		if col.Global {
			continue // a regional test; global collectors have their own
		}
		res, err := col.Collect(ctx, c)
		if err != nil {
			t.Fatalf("%s: %v", col.Product, err)
		}
		if len(res) == 0 {
			t.Errorf("%s collected nothing in ap-guangzhou", col.Product)
		}
	}
	for _, cov := range c.Coverage() {
		if !cov.OK {
			t.Errorf("coverage %s failed: %s", cov.Action, cov.Code)
		}
	}
	if len(c.Coverage()) != 5 {
		t.Errorf("coverage records: %+v", c.Coverage())
	}
}

func TestRegionFailureBecomesCoverageGap(t *testing.T) {
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	sc.Faults.RegionDown = []string{"ap-guangzhou"}
	emu, _, cred := listen(t, sc)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint, RetryBase: time.Millisecond, MaxRetries: 2})
	c := caller.Client(shopUIN, "ap-guangzhou", cred)
	res, err := collectVPC(context.Background(), c)
	if err != nil || len(res) != 0 {
		t.Fatalf("got %d resources, err %v", len(res), err)
	}
	cov := c.Coverage()
	if len(cov) != 1 || cov[0].OK || cov[0].Code != "InternalError" || cov[0].ResourceTypes[0] != "vpc.security_group" {
		t.Fatalf("coverage: %+v", cov)
	}
	st := caller.Stats()
	if len(st) != 1 || st[0].Calls != 3 || st[0].Retries != 2 {
		t.Fatalf("stats: %+v", st)
	}
}

func TestRoleCredentialRefreshesBeforeExpiry(t *testing.T) {
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	sc.Faults.TokenLifetime = 60 // seconds: always inside the 5-minute refresh window
	emu, _, cred := listen(t, sc)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint})
	ctx := context.Background()
	role, err := caller.AssumeRole(ctx, cred, Role{ARN: "qcs::cam::uin/" + intlUIN + ":roleName/TSAReadOnly", ExternalID: "tsa-demo-7f3a"})
	if err != nil {
		t.Fatal(err)
	}
	first := role.GetSecretId()
	c := caller.Client(intlUIN, "ap-singapore", role)
	if _, err := collectCVM(ctx, c); err != nil {
		t.Fatal(err)
	}
	if role.GetSecretId() == first {
		t.Fatal("credentials near expiry were not refreshed before the call")
	}
	if cov := c.Coverage(); !cov[0].OK {
		t.Fatalf("coverage: %+v", cov)
	}

	_, err = caller.AssumeRole(ctx, cred, Role{ARN: "qcs::cam::uin/" + intlUIN + ":roleName/TSAReadOnly", ExternalID: "nope"})
	if ErrorCode(err) != "UnauthorizedOperation" {
		t.Fatalf("wrong ExternalId: %v", err)
	}
}
