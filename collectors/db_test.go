package collectors

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/inventory"
)

// collectShop runs one collector for the shop account in a region against sc, behind deny: the
// service:Action calls the emulator refuses with a CAM permission error before they reach it.
func collectShop(t *testing.T, sc *fixtures.Scenario, col Collector, region string, deny ...string) ([]inventory.Resource, *Client, *fixtures.Server) {
	t.Helper()
	return collectAs(t, sc, shopUIN, col, region, deny...)
}

// collectAs runs one collector for an account of sc with its first key, the actions in deny
// refused with UnauthorizedOperation.
func collectAs(t *testing.T, sc *fixtures.Scenario, account string, col Collector, region string, deny ...string) ([]inventory.Resource, *Client, *fixtures.Server) {
	t.Helper()
	emu := fixtures.NewServer(sc)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, d := range deny {
			service, action, _ := strings.Cut(d, ":")
			if r.Header.Get("X-TC-Action") == action && strings.Contains(r.Header.Get("Authorization"), "/"+service+"/tc3_request") {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprintf(w, `{"Response":{"Error":{"Code":"UnauthorizedOperation","Message":"no permission for %s"},"RequestId":"deny"}}`, d)
				return
			}
		}
		emu.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	// No retries, and a rate limit that never holds the test up.
	caller, err := NewCaller(Settings{Endpoint: srv.URL, MaxRetries: -1, RateFactor: 50})
	if err != nil {
		t.Fatal(err)
	}
	k := sc.Accounts[0].Keys[0]
	c := caller.Client(account, region, common.NewCredential(k.SecretID, k.SecretKey))
	res, err := col.Collect(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return res, c, emu
}

func loadDemo(t *testing.T) *fixtures.Scenario {
	t.Helper()
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func indexByID(res []inventory.Resource) map[string]inventory.Resource {
	m := map[string]inventory.Resource{}
	for _, r := range res {
		m[r.ID] = r
	}
	return m
}

func relatedKeys(r inventory.Resource) string {
	var keys []string
	for k := range r.Related {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

func TestDatabaseAndLoadBalancerCollectors(t *testing.T) {
	const (
		lbRelated     = "health,listeners,targets"
		masterRelated = "accounts,backup_config,privileges,ro_groups,security_groups"
	)
	tests := []struct {
		col    Collector
		region string
		// want maps every resource id to its type and related keys.
		want  map[string][2]string
		check func(t *testing.T, res map[string]inventory.Resource)
	}{
		{clbCollector, "ap-guangzhou", map[string][2]string{
			"clb-quota/ap-guangzhou": {"clb.quota", ""},
			"lb-6efswuxa":            {"clb.load_balancer", lbRelated},
			"lb-3nf8q2wd":            {"clb.load_balancer", lbRelated},
			"lb-a8k2m5pq":            {"clb.load_balancer", lbRelated},
			"lb-0q7rtz3c":            {"clb.load_balancer", lbRelated},
		}, func(t *testing.T, res map[string]inventory.Resource) {
			// The idle classic CLB is absent from DescribeTargetHealth: it gets an entry without listeners.
			if got := string(res["lb-0q7rtz3c"].Related["health"]); got != `{"LoadBalancerId":"lb-0q7rtz3c","LoadBalancerName":"旧版-传统CLB"}` {
				t.Errorf("health of an LB without targets: %s", got)
			}
			if h := string(res["lb-a8k2m5pq"].Related["health"]); !strings.Contains(h, `"HealthStatusDetail":"Dead"`) || strings.Contains(h, "lb-6efswuxa") {
				t.Errorf("health of lb-a8k2m5pq is not its own: %s", h)
			}
			if l := string(res["lb-a8k2m5pq"].Related["listeners"]); !strings.Contains(l, `"CertId":"cert-3nq7wz1p"`) {
				t.Errorf("listeners: %s", l)
			}
			if d := string(res["clb-quota/ap-guangzhou"].Data); !strings.Contains(d, `"QuotaId":"TOTAL_OPEN_CLB_QUOTA"`) || strings.Contains(d, "RequestId") {
				t.Errorf("quota data: %s", d)
			}
			if z := res["lb-6efswuxa"].Zone; z != "ap-guangzhou-3" {
				t.Errorf("zone %q", z)
			}
		}},
		{cdbCollector, "ap-guangzhou", map[string][2]string{
			"cdb-7sk2d0ql":   {"cdb.instance", masterRelated},
			"cdb-1xq9v4ne":   {"cdb.instance", masterRelated},
			"cdbro-2kd9x7e1": {"cdb.instance", "security_groups"},
			"cdbro-8hq3n5mz": {"cdb.instance", "security_groups"},
			"cdbro-5tz1w8yk": {"cdb.instance", "security_groups"},
		}, func(t *testing.T, res map[string]inventory.Resource) {
			var priv map[string]struct{ GlobalPrivileges []string }
			if err := json.Unmarshal(res["cdb-1xq9v4ne"].Related["privileges"], &priv); err != nil {
				t.Fatal(err)
			}
			if len(priv) != 2 || !strings.Contains(strings.Join(priv["pay_admin@%"].GlobalPrivileges, ","), "DROP") {
				t.Errorf("privileges: %+v", priv)
			}
			var data struct{ VpcId, SubnetId int64 }
			if err := json.Unmarshal(res["cdb-7sk2d0ql"].Data, &data); err != nil || data.VpcId != 3245871 {
				t.Errorf("numeric VpcId: %+v %v", data, err)
			}
			if b := string(res["cdb-1xq9v4ne"].Related["backup_config"]); !strings.Contains(b, `"BackupExpireDays":3`) || strings.Contains(b, "RequestId") {
				t.Errorf("backup_config: %s", b)
			}
			if tags := res["cdb-1xq9v4ne"].Tags; tags["app"] != "payment" {
				t.Errorf("tags: %v", tags)
			}
		}},
		{redisCollector, "ap-guangzhou", map[string][2]string{
			"crs-8z3kq1mv": {"redis.instance", "params"},
			"crs-2jf7d0ua": {"redis.instance", "params"},
		}, func(t *testing.T, res map[string]inventory.Resource) {
			if z := res["crs-8z3kq1mv"].Zone; z != "ap-guangzhou-3" {
				t.Errorf("zone of the master node: %q", z)
			}
			if p := string(res["crs-8z3kq1mv"].Related["params"]); !strings.Contains(p, `"CurrentValue":"flushall,flushdb,keys"`) {
				t.Errorf("params: %s", p)
			}
		}},
		{mongodbCollector, "ap-guangzhou", map[string][2]string{
			"cmgo-6tl2p9xr": {"mongodb.instance", "backups"},
		}, func(t *testing.T, res map[string]inventory.Resource) {
			var backups []struct{ Status uint64 }
			if err := json.Unmarshal(res["cmgo-6tl2p9xr"].Related["backups"], &backups); err != nil || len(backups) != 3 {
				t.Errorf("backups: %+v %v", backups, err)
			}
		}},
		{redisCollector, "ap-beijing", map[string][2]string{
			"crs-5hv0b9wq": {"redis.instance", "params"},
		}, nil},
		{cdbCollector, "ap-shanghai", map[string][2]string{
			"cdb-9rmw3k2b": {"cdb.instance", masterRelated},
			"cdb-4bn8x6tc": {"cdb.instance", masterRelated},
		}, nil},
		// No CLB in ap-beijing: no load balancer and no quota resource, and that is no failure.
		{clbCollector, "ap-beijing", map[string][2]string{}, nil},
	}
	sc := loadDemo(t)
	for _, tt := range tests {
		t.Run(tt.col.Product+"/"+tt.region, func(t *testing.T) {
			res, c, _ := collectShop(t, sc, tt.col, tt.region)
			got := indexByID(res)
			if len(got) != len(tt.want) || len(res) != len(tt.want) {
				t.Errorf("collected %d resources (%d distinct), want %d", len(res), len(got), len(tt.want))
			}
			for id, w := range tt.want {
				r, ok := got[id]
				if !ok {
					t.Errorf("%s missing", id)
					continue
				}
				if r.Type != w[0] || relatedKeys(r) != w[1] || len(r.Gaps) != 0 || r.Name == "" && r.Type != "clb.quota" {
					t.Errorf("%s: type %s, related %q, gaps %v, name %q; want %s with %q", id, r.Type, relatedKeys(r), r.Gaps, r.Name, w[0], w[1])
				}
				if r.Account != shopUIN || r.Region != tt.region {
					t.Errorf("%s: account %s region %s", id, r.Account, r.Region)
				}
			}
			if tt.check != nil {
				tt.check(t, got)
			}
			cov := c.Coverage()
			if len(cov) == 0 {
				t.Fatal("no coverage recorded")
			}
			for _, rec := range cov {
				if !rec.OK {
					t.Errorf("coverage %s failed: %s", rec.Action, rec.Code)
				}
			}
		})
	}
}

// TestSubCallFailureBecomesGap: a failed per-resource call leaves its related key out and puts
// a gap on the resource (so rules over it are unknown, never pass), and its coverage record
// fails without resource types, while the list call's coverage stays good.
func TestSubCallFailureBecomesGap(t *testing.T) {
	withoutKey := func(service, action, key string) func(t *testing.T, sc *fixtures.Scenario) {
		return func(t *testing.T, sc *fixtures.Scenario) {
			for _, d := range sc.Documents() {
				if d.Account == shopUIN && d.Region == "ap-guangzhou" && d.Service == service && d.Action == action {
					kept := map[string]any{}
					for k, v := range d.Payload.(map[string]any) {
						if k != key {
							kept[k] = v
						}
					}
					if err := sc.Set(shopUIN, "ap-guangzhou", service, action, kept); err != nil {
						t.Fatal(err)
					}
					return
				}
			}
			t.Fatalf("no %s:%s document", service, action)
		}
	}
	tests := []struct {
		name     string
		col      Collector
		edit     func(*testing.T, *fixtures.Scenario)
		deny     string
		action   string // the failing service:Action
		code     string
		gapped   []string // resources that must carry the gap
		lost     string   // the related key they lose
		listCall string
	}{
		{"backup config missing", cdbCollector, withoutKey("cdb", "DescribeBackupConfig", "cdb-1xq9v4ne"), "",
			"cdb:DescribeBackupConfig", "ResourceNotFound", []string{"cdb-1xq9v4ne"}, "backup_config", "cdb:DescribeDBInstances"},
		{"one account's privileges missing", cdbCollector, withoutKey("cdb", "DescribeAccountPrivileges", "cdb-1xq9v4ne/pay_admin/%"), "",
			"cdb:DescribeAccountPrivileges", "ResourceNotFound", []string{"cdb-1xq9v4ne"}, "privileges", "cdb:DescribeDBInstances"},
		{"accounts denied", cdbCollector, nil, "cdb:DescribeAccounts",
			"cdb:DescribeAccounts", "UnauthorizedOperation", []string{"cdb-7sk2d0ql", "cdb-1xq9v4ne"}, "accounts", "cdb:DescribeDBInstances"},
		{"listeners missing", clbCollector, withoutKey("clb", "DescribeListeners", "lb-a8k2m5pq"), "",
			"clb:DescribeListeners", "ResourceNotFound", []string{"lb-a8k2m5pq"}, "listeners", "clb:DescribeLoadBalancers"},
		{"target health denied", clbCollector, nil, "clb:DescribeTargetHealth",
			"clb:DescribeTargetHealth", "UnauthorizedOperation", []string{"lb-6efswuxa", "lb-3nf8q2wd", "lb-a8k2m5pq", "lb-0q7rtz3c"}, "health", "clb:DescribeLoadBalancers"},
		{"redis params denied", redisCollector, nil, "redis:DescribeInstanceParams",
			"redis:DescribeInstanceParams", "UnauthorizedOperation", []string{"crs-8z3kq1mv", "crs-2jf7d0ua"}, "params", "redis:DescribeInstances"},
		{"mongodb backups missing", mongodbCollector, withoutKey("mongodb", "DescribeDBBackups", "cmgo-6tl2p9xr"), "",
			"mongodb:DescribeDBBackups", "ResourceNotFound", []string{"cmgo-6tl2p9xr"}, "backups", "mongodb:DescribeDBInstances"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := loadDemo(t)
			if tt.edit != nil {
				tt.edit(t, sc)
			}
			var deny []string
			if tt.deny != "" {
				deny = append(deny, tt.deny)
			}
			res, c, _ := collectShop(t, sc, tt.col, "ap-guangzhou", deny...)
			got := indexByID(res)
			for _, id := range tt.gapped {
				r := got[id]
				want := []inventory.Gap{{Action: tt.action, Code: tt.code, Key: tt.lost}}
				if tt.lost == "accounts" {
					// The privileges are read per account: they are lost with the accounts.
					want = append(want, inventory.Gap{Action: tt.action, Code: tt.code, Key: "privileges"})
				}
				if !slices.Equal(r.Gaps, want) {
					t.Errorf("%s gaps: %+v", id, r.Gaps)
				}
				if _, ok := r.Related[tt.lost]; ok {
					t.Errorf("%s still has %s after the call failed", id, tt.lost)
				}
			}
			var gapped int
			for _, r := range res {
				if len(r.Gaps) > 0 {
					gapped++
				}
			}
			if gapped != len(tt.gapped) {
				t.Errorf("%d resources have gaps, want %d", gapped, len(tt.gapped))
			}
			for _, rec := range c.Coverage() {
				switch rec.Action {
				case tt.action:
					if rec.OK || rec.Code != tt.code || len(rec.ResourceTypes) != 0 {
						t.Errorf("coverage of the failed sub-call: %+v", rec)
					}
				case tt.listCall:
					if !rec.OK || len(rec.ResourceTypes) != 1 {
						t.Errorf("coverage of the list call: %+v", rec)
					}
				}
			}
		})
	}
}

// TestTargetHealthIsBatched: DescribeTargetHealth answers for at most 30 load balancers, so 65
// load balancers take three calls and each still gets its own health.
func TestTargetHealthIsBatched(t *testing.T) {
	sc := loadDemo(t)
	const n = 65
	var lbs, health []map[string]any
	listeners, targets := map[string]any{}, map[string]any{}
	for i := range n {
		id := fmt.Sprintf("lb-gen%05d", i)
		lbs = append(lbs, map[string]any{"LoadBalancerId": id, "LoadBalancerName": "批量-" + id, "Forward": 1})
		listeners[id] = map[string]any{"Listeners": []any{}}
		targets[id] = map[string]any{"Listeners": []any{}}
		health = append(health, map[string]any{"LoadBalancerId": id, "LoadBalancerName": "批量-" + id,
			"Listeners": []any{map[string]any{"ListenerId": "lbl-" + id, "Port": i}}})
	}
	for action, payload := range map[string]any{
		"DescribeLoadBalancers": map[string]any{"LoadBalancerSet": lbs},
		"DescribeListeners":     listeners,
		"DescribeTargets":       targets,
		"DescribeTargetHealth":  map[string]any{"LoadBalancers": health},
	} {
		if err := sc.Set(shopUIN, "ap-beijing", "clb", action, payload); err != nil {
			t.Fatal(err)
		}
	}
	res, c, emu := collectShop(t, sc, clbCollector, "ap-beijing")
	if len(res) != n {
		t.Fatalf("%d resources", len(res))
	}
	for _, r := range res {
		if h := string(r.Related["health"]); !strings.Contains(h, `"ListenerId":"lbl-`+r.ID+`"`) {
			t.Errorf("%s health: %s", r.ID, h)
		}
	}
	calls := 0
	for _, call := range emu.Calls() {
		if call.Action == "DescribeTargetHealth" {
			calls++
		}
	}
	if calls != 3 {
		t.Errorf("%d DescribeTargetHealth calls for %d load balancers", calls, n)
	}
	for _, rec := range c.Coverage() {
		if !rec.OK {
			t.Errorf("coverage %+v", rec)
		}
	}
}
