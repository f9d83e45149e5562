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
	// Many small pages: lift the client-side rate limit so the test stays fast.
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint, RateFactor: 10})
	ctx := context.Background()
	collectAll := func() (*Client, map[string]bool) {
		c := caller.Client(shopUIN, "ap-guangzhou", cred)
		ids := map[string]bool{}
		for _, col := range All {
			if len(col.Subjects) > 0 || col.Global {
				continue // subject readers and global collectors have tests of their own
			}
			res, err := col.Collect(ctx, c)
			if err != nil {
				t.Fatalf("%s: %v", col.Product, err)
			}
			if len(res) == 0 {
				t.Errorf("%s collected nothing in ap-guangzhou", col.Product)
			}
			for _, r := range res {
				ids[r.Type+"/"+r.ID] = true
			}
		}
		return c, ids
	}
	first, whole := collectAll()
	// Pages of 2 force several round trips for every list the region has more than two of.
	setListLimit(t, 2)
	before := len(emu.Calls())
	c, paged := collectAll()
	if len(paged) != len(whole) || len(whole) < 80 {
		t.Fatalf("paged read %d resources, one-page read %d", len(paged), len(whole))
	}
	for id := range whole {
		if !paged[id] {
			t.Errorf("%s is missing from the paged read", id)
		}
	}
	requests := map[string]int{}
	for _, call := range emu.Calls()[before:] {
		requests[call.Service+":"+call.Action]++
	}
	// Every page of a list in the demo's ap-guangzhou of 100012345678: 9 instances, 6 EIPs,
	// 43 DNAT rules on one gateway, 5 subnets, 3 route tables, 2 VPN connections, 4 load
	// balancers, 5 MySQL instances with 3 + 2 accounts, 2 Redis instances, 3 MongoDB backups.
	// A list that ends on a full page takes one more, empty, page: TotalCount is not trusted.
	for action, want := range map[string]int{
		"cvm:DescribeInstances": 5, "vpc:DescribeAddresses": 4, "vpc:DescribeNatGatewayDestinationIpPortTranslationNatRules": 22,
		"vpc:DescribeSubnets": 3, "vpc:DescribeRouteTables": 2, "vpc:DescribeVpnConnections": 2, "cvm:DescribeAccountQuota": 1,
		"clb:DescribeLoadBalancers": 3, "cdb:DescribeDBInstances": 3, "cdb:DescribeAccounts": 4, "redis:DescribeInstances": 2,
		"mongodb:DescribeDBBackups": 2,
	} {
		if requests[action] != want {
			t.Errorf("%s: %d requests, want %d", action, requests[action], want)
		}
	}
	recorded := map[string]bool{}
	for _, cov := range append(c.Coverage(), first.Coverage()...) { // the zone list is read once a scan
		recorded[cov.Action] = true
		if !cov.OK {
			t.Errorf("coverage %s failed: %s", cov.Action, cov.Code)
		}
	}
	// The region has resources behind every declared action, so every one was called (the
	// subject readers are tested with their subjects elsewhere; global collectors run once per
	// account).
	for _, col := range All {
		if len(col.Subjects) > 0 || col.Global {
			continue
		}
		for _, a := range col.Actions {
			if !recorded[col.Service+":"+a] {
				t.Errorf("no coverage record for %s:%s", col.Service, a)
			}
		}
	}
}

// setListLimit lowers the page size of every list for one test.
func setListLimit(t *testing.T, n int) {
	old := listLimit
	listLimit = n
	t.Cleanup(func() { listLimit = old })
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
	// Every region-wide action failed on its own; the per-resource ones (policies, DNAT rules,
	// the templates policies name) were never reached.
	cov := c.Coverage()
	if len(cov) != len(vpcCollector.Actions)-6 {
		t.Fatalf("coverage: %+v", cov)
	}
	for _, rec := range cov {
		if rec.OK || rec.Code != "InternalError" || len(rec.ResourceTypes) != 1 {
			t.Errorf("coverage: %+v", rec)
		}
		if rec.Action == "vpc:DescribeSecurityGroups" && rec.ResourceTypes[0] != "vpc.security_group" {
			t.Errorf("coverage: %+v", rec)
		}
	}
	// The first action used up its retries; the region is then unreachable and every later
	// action gets a single attempt, so a dead region cannot hold the pool.
	exhausted := 0
	for _, st := range caller.Stats() {
		switch {
		case st.Calls == 3 && st.Retries == 2:
			exhausted++
		case st.Calls != 1 || st.Retries != 0:
			t.Errorf("stats: %+v", st)
		}
	}
	if exhausted != 1 {
		t.Errorf("%d actions used up their retries, want the first one only", exhausted)
	}
}

func TestRoleCredentialRefreshesBeforeExpiry(t *testing.T) {
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	sc.Faults.TokenLifetime = 60 // seconds: replaced in the last fifth of their life, not 5 minutes before
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
	if role.GetSecretId() != first {
		t.Fatal("fresh short-lived credentials were replaced before a call")
	}
	role.now = func() time.Time { return time.Now().Add(50 * time.Second) } // 10 s of life left
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
