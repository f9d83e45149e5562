package collectors

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/inventory"
)

// byID indexes resources of one type.
func byID(res []inventory.Resource, typ string) map[string]inventory.Resource {
	out := map[string]inventory.Resource{}
	for _, r := range res {
		if r.Type == typ {
			out[r.ID] = r
		}
	}
	return out
}

func related[T any](t *testing.T, r inventory.Resource, key string) T {
	t.Helper()
	var v T
	raw, ok := r.Related[key]
	if !ok {
		t.Fatalf("%s %s: no related %q (gaps %v)", r.Type, r.ID, key, r.Gaps)
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s %s related %s: %v", r.Type, r.ID, key, err)
	}
	return v
}

func TestCAMReadsOwnerAndUsersWithTheirKeysFlagsAndPolicies(t *testing.T) {
	emu, _, cred := demo(t)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint})
	c := caller.Client(shopUIN, "", cred)
	res, err := collectCAM(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	accounts, users := byID(res, "cam.account"), byID(res, "cam.user")
	owner, ok := accounts[shopUIN]
	if !ok || len(accounts) != 1 || len(users) != 5 {
		t.Fatalf("accounts %v, %d users", accounts, len(users))
	}
	keys := related[[]map[string]any](t, owner, "access_keys")
	if len(keys) != 1 || keys[0]["Status"] != "Active" {
		t.Fatalf("owner keys: %v", keys)
	}
	if used := related[[]map[string]any](t, owner, "key_last_used"); len(used) != 1 || used[0]["SecretId"] != keys[0]["AccessKeyId"] {
		t.Fatalf("owner key last used: %v", used)
	}
	for _, k := range []string{"safe_auth", "summary"} {
		related[map[string]any](t, owner, k)
	}

	tests := []struct {
		uin, name      string
		keys, policies int
		documents      []string // custom policies whose documents were read
		wantLastUsed   int
	}{
		{"100012340001", "ops-zhangwei", 1, 2, []string{"210004501"}, 1},
		{"100012340002", "dev-lina", 1, 1, nil, 1},
		{"100012340003", "api-order-sync", 2, 2, []string{"210004623"}, 2},
		{"100012340004", "finance-wangfang", 0, 1, nil, 0},
		{"100012340005", "intern-chenhao", 1, 2, []string{"210005180"}, 1},
	}
	for _, tc := range tests {
		u, ok := users[tc.uin]
		if !ok || u.Name != tc.name || len(u.Gaps) > 0 {
			t.Fatalf("user %s: %+v", tc.uin, u)
		}
		if n := len(related[[]any](t, u, "access_keys")); n != tc.keys {
			t.Errorf("%s: %d keys, want %d", tc.name, n, tc.keys)
		}
		if n := len(related[[]any](t, u, "key_last_used")); n != tc.wantLastUsed {
			t.Errorf("%s: %d last-used rows, want %d", tc.name, n, tc.wantLastUsed)
		}
		if n := len(related[[]any](t, u, "policies")); n != tc.policies {
			t.Errorf("%s: %d policies, want %d", tc.name, n, tc.policies)
		}
		docs := related[map[string]struct{ Statement []map[string]any }](t, u, "policy_documents")
		if len(docs) != len(tc.documents) {
			t.Errorf("%s: documents %v, want %v", tc.name, docs, tc.documents)
		}
		for _, id := range tc.documents {
			if len(docs[id].Statement) == 0 {
				t.Errorf("%s: policy %s has no statements: %v", tc.name, id, docs)
			}
		}
		related[map[string]any](t, u, "safe_auth")
	}
	for _, cov := range c.Coverage() {
		if !cov.OK {
			t.Errorf("%s failed: %s", cov.Action, cov.Code)
		}
	}
}

func TestCAMFailingUserCallBecomesAGapNotAPass(t *testing.T) {
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	// The policy list of every user is gone: the emulator answers ResourceNotFound.
	if err := sc.Set(shopUIN, "", "cam", "ListAttachedUserAllPolicies", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	emu, _, cred := listen(t, sc)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint, MaxRetries: -1})
	c := caller.Client(shopUIN, "", cred)
	res, err := collectCAM(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range byID(res, "cam.user") {
		want := []inventory.Gap{
			{Action: "cam:ListAttachedUserAllPolicies", Code: "ResourceNotFound", Key: "policies"},
			{Action: "cam:ListAttachedUserAllPolicies", Code: "ResourceNotFound", Key: "policy_documents"},
		}
		if _, ok := u.Related["policies"]; ok || !slices.Equal(u.Gaps, want) {
			t.Errorf("user %s: related %v, gaps %v", u.ID, u.Related, u.Gaps)
		}
	}
}

func TestTKEReadsClustersWithTheirNodes(t *testing.T) {
	emu, _, cred := demo(t)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint})
	c := caller.Client(shopUIN, "ap-shanghai", cred)
	res, err := collectTKE(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	cl, ok := byID(res, "tke.cluster")["cls-3pd8w1nz"]
	if !ok || len(res) != 1 || cl.Tags["env"] != "prod" {
		t.Fatalf("clusters: %+v", res)
	}
	nodes := related[[]map[string]any](t, cl, "instances")
	if len(nodes) != 2 || nodes[0]["InstanceId"] != "ins-zlfeyz3h" {
		t.Fatalf("nodes: %v", nodes)
	}
	if len(c.Coverage()) != 2 {
		t.Fatalf("coverage: %+v", c.Coverage())
	}
}

func TestSSLAndCloudAuditAreReadOncePerAccount(t *testing.T) {
	emu, _, cred := demo(t)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint})
	c := caller.Client(intlUIN, "", mustRole(t, caller, cred))
	ctx := context.Background()
	certs, err := collectSSL(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if ids := byID(certs, "ssl.certificate"); len(ids) != 3 || ids["cert-h6m1q5rt"].Region != "" {
		t.Fatalf("certificates: %+v", certs)
	}
	trails, err := collectCloudAudit(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(trails) != 1 || trails[0].ID != "intl-audit" || !strings.Contains(string(trails[0].Data), `"AuditStatus":0`) {
		t.Fatalf("trails: %+v", trails)
	}
	// ListAudits went to ap-guangzhou, the one region its API accepts.
	for _, call := range emu.Calls() {
		if call.Action == "ListAudits" && call.Region != "ap-guangzhou" {
			t.Fatalf("ListAudits sent to region %q", call.Region)
		}
	}
}

func mustRole(t *testing.T, caller *Caller, cred common.CredentialIface) *RoleCredential {
	t.Helper()
	role, err := caller.AssumeRole(context.Background(), cred, Role{ARN: "qcs::cam::uin/" + intlUIN + ":roleName/TSAReadOnly", ExternalID: "tsa-demo-7f3a"})
	if err != nil {
		t.Fatal(err)
	}
	return role
}

// subject builds a resource the monitor collector reads about, as another collector would.
func subject(typ, id string, data string) inventory.Resource {
	return inventory.Resource{Type: typ, ID: id, Account: shopUIN, Region: "ap-guangzhou", Data: json.RawMessage(data)}
}

func TestMonitorReadsSeriesOfTheSubjectsItIsGiven(t *testing.T) {
	emu, _, cred := demo(t)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint})
	c := caller.Client(shopUIN, "ap-guangzhou", cred)
	ctx := context.Background()
	for _, typ := range []string{"cvm.instance", "cbs.disk"} {
		for _, col := range All {
			if col.Product == strings.Split(typ, ".")[0] {
				res, err := col.Collect(ctx, caller.Client(shopUIN, "ap-guangzhou", cred))
				if err != nil {
					t.Fatal(err)
				}
				c.Subjects = append(c.Subjects, res...)
			}
		}
	}
	c.Subjects = append(c.Subjects,
		subject("cdb.instance", "cdb-7sk2d0ql", `{}`),
		subject("redis.instance", "crs-8z3kq1mv", `{}`),
		subject("mongodb.instance", "cmgo-6tl2p9xr", `{}`),
		subject("clb.load_balancer", "lb-6efswuxa", `{"LoadBalancerType":"OPEN","LoadBalancerVips":["203.0.113.10"]}`),
		subject("clb.load_balancer", "lb-internal", `{"LoadBalancerType":"INTERNAL","LoadBalancerVips":["10.0.0.9"]}`),
		subject("cdb.instance", "cdb-nodata00", `{}`), // reports nothing: no series, no failure
	)
	res, err := collectMonitor(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	series := byID(res, "monitor.metric")
	tests := []struct {
		id, key, subject string
		points           int
		period           uint64
	}{
		{"cvm_cpu/ins-2f007w9t", "cvm_cpu", "ins-2f007w9t", 14, 86400},
		{"cvm_disk/ins-x91gbmnt", "cvm_disk", "ins-x91gbmnt", 288, 300},
		{"cbs_write_iops/disk-pn4jhzkt", "cbs_write_iops", "disk-pn4jhzkt", 14, 86400},
		{"cdb_connection_use/cdb-7sk2d0ql", "cdb_connection_use", "cdb-7sk2d0ql", 336, 3600},
		{"cdb_replication_delay/cdb-7sk2d0ql", "cdb_replication_delay", "cdb-7sk2d0ql", 14, 86400},
		{"redis_cpu/crs-8z3kq1mv", "redis_cpu", "crs-8z3kq1mv", 14, 86400},
		{"mongodb_dirty_cache/cmgo-6tl2p9xr", "mongodb_dirty_cache", "cmgo-6tl2p9xr", 14, 86400},
		{"clb_backend_5xx/lb-6efswuxa", "clb_backend_5xx", "lb-6efswuxa", 14, 86400},
	}
	for _, tc := range tests {
		r, ok := series[tc.id]
		if !ok {
			t.Errorf("no series %s", tc.id)
			continue
		}
		var d struct {
			Timestamps, Values []float64
			Period             uint64
			Subject            string
			Dimensions         []struct{ Name, Value string }
		}
		if err := json.Unmarshal(r.Data, &d); err != nil {
			t.Fatal(err)
		}
		if r.Name != tc.key || d.Subject != tc.subject || d.Period != tc.period || len(d.Values) != tc.points || len(d.Timestamps) != tc.points {
			t.Errorf("%s: name %s subject %s period %d, %d values %d timestamps", tc.id, r.Name, d.Subject, d.Period, len(d.Values), len(d.Timestamps))
			continue
		}
		last := time.Unix(int64(d.Timestamps[len(d.Timestamps)-1]), 0)
		if age := time.Since(last); age < 0 || age > time.Duration(tc.period)*time.Second {
			t.Errorf("%s: last point %s is not the latest period", tc.id, last)
		}
	}
	for id := range series {
		if strings.Contains(id, "cdb-nodata00") || strings.Contains(id, "lb-internal") || strings.Contains(id, "ins-drulu47j") {
			t.Errorf("a series for a subject without data: %s", id)
		}
	}
	if cov := c.Coverage(); len(cov) != 1 || !cov[0].OK || cov[0].ResourceTypes[0] != "monitor.metric" {
		t.Fatalf("coverage: %+v", cov)
	}
	// No request asked for more than the API's limits.
	calls := 0
	for _, call := range emu.Calls() {
		if call.Action == "GetMonitorData" {
			calls++
			if call.Code != "" {
				t.Errorf("GetMonitorData answered %s", call.Code)
			}
		}
	}
	if calls == 0 {
		t.Fatal("no GetMonitorData call")
	}
}

func TestMonitorFailureIsACoverageGap(t *testing.T) {
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	sc.Faults.RegionDown = []string{"ap-guangzhou"}
	emu, _, cred := listen(t, sc)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint, MaxRetries: -1})
	c := caller.Client(shopUIN, "ap-guangzhou", cred)
	c.Subjects = []inventory.Resource{subject("cvm.instance", "ins-2f007w9t", `{}`)}
	res, err := collectMonitor(context.Background(), c)
	if err != nil || len(res) != 0 {
		t.Fatalf("%d series, err %v", len(res), err)
	}
	if cov := c.Coverage(); len(cov) != 1 || cov[0].OK || cov[0].Code != "InternalError" {
		t.Fatalf("coverage: %+v", cov)
	}
}
