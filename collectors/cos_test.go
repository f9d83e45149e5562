package collectors

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/inventory"
)

var cosKeys = []string{"acl", "policy", "versioning", "referer", "logging", "lifecycle", "cors"}

// TestCOSCollectsEveryBucketAndKey reads both demo accounts, the second through the role's
// temporary credentials (sent as x-cos-security-token).
func TestCOSCollectsEveryBucketAndKey(t *testing.T) {
	emu, _, cred := demo(t)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint})
	ctx := context.Background()
	role, err := caller.AssumeRole(ctx, cred, Role{ARN: "qcs::cam::uin/" + intlUIN + ":roleName/TSAReadOnly", ExternalID: "tsa-demo-7f3a"})
	if err != nil {
		t.Fatal(err)
	}
	accounts := []struct {
		uin     string
		cred    common.CredentialIface
		buckets int
	}{{shopUIN, cred, 8}, {intlUIN, role, 6}}
	all := map[string]inventory.Resource{}
	for _, a := range accounts {
		c := caller.Client(a.uin, "", a.cred)
		res, err := collectCOS(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != a.buckets {
			t.Fatalf("%s: %d buckets, want %d", a.uin, len(res), a.buckets)
		}
		for _, r := range res {
			var data struct{ Location string }
			_ = json.Unmarshal(r.Data, &data)
			if r.Type != "cos.bucket" || r.Account != a.uin || r.Region == "" || r.Region != data.Location || len(r.Gaps) != 0 {
				t.Errorf("%s: %+v", r.ID, r)
			}
			for _, k := range cosKeys {
				if _, ok := r.Related[k]; !ok {
					t.Errorf("%s: related %s missing", r.ID, k)
				}
			}
			all[r.ID] = r
		}
		cov := c.Coverage()
		if len(cov) != 8 {
			t.Fatalf("%s: coverage %+v", a.uin, cov)
		}
		for _, rec := range cov {
			wantTypes := rec.Action == "cos:GetService"
			if !rec.OK || rec.Region != "" || (len(rec.ResourceTypes) == 1 && rec.ResourceTypes[0] == "cos.bucket") != wantTypes {
				t.Errorf("%s: coverage %+v", a.uin, rec)
			}
		}
	}
	perAccount := map[string]int{}
	for _, call := range emu.Calls() {
		if call.Service != "cos" {
			continue
		}
		if call.Code != "" && !strings.HasPrefix(call.Code, "NoSuch") {
			t.Errorf("emulator answered %+v", call)
		}
		perAccount[call.Account]++
	}
	// One GET Service and seven reads per bucket, each served to the account that signed it.
	if perAccount[shopUIN] != 1+8*7 || perAccount[intlUIN] != 1+6*7 {
		t.Errorf("COS calls per account: %v", perAccount)
	}

	exact := []struct{ bucket, key, want string }{
		{"sgyp-static-1312345678", "", `{"BucketType":"cos","CreationDate":"2022-03-14T08:21:07Z","Location":"ap-guangzhou","Name":"sgyp-static-1312345678"}`},
		{"sgyp-static-1312345678", "versioning", `{"Status":"Suspended"}`},
		{"sgyp-static-1312345678", "logging", `{"LoggingEnabled":{"TargetBucket":"sgyp-logs-gz-1312345678","TargetPrefix":"static/"}}`},
		{"sgyp-static-1312345678", "referer", `{"DomainList":{"Domain":["*.sgyp.com","sgyp.com"]},"EmptyReferConfiguration":"Allow","RefererType":"White-List","Status":"Enabled"}`},
		// A bucket without policy, referer or lifecycle: null, not a gap.
		{"sgyp-product-images-1312345678", "policy", `null`},
		{"sgyp-product-images-1312345678", "referer", `null`},
		{"sgyp-product-images-1312345678", "lifecycle", `null`},
		{"sgyp-product-images-1312345678", "versioning", `{"Status":""}`},
		{"sgyp-product-images-1312345678", "logging", `{}`},
		{"sgyp-product-images-1312345678", "cors", `{"CORSRule":[{"AllowedHeader":[],"AllowedMethod":["GET"],"AllowedOrigin":["*"],"ExposeHeader":[],"MaxAgeSeconds":3600}]}`},
		{"sgyp-logs-gz-1312345678", "cors", `null`},
		{"sgyp-upload-tmp-1312345678", "lifecycle", `{"Rule":[{"Expiration":{"Days":1},"Filter":{"Prefix":"upload/"},"ID":"tmp-expire-1d","NoncurrentVersionTransition":[],"Status":"Enabled","Transition":[]}]}`},
		{"sgyp-h5-activity-1312345678", "policy", `{"statement":[{"principal":{"qcs":["qcs::cam::anyone:anyone"]},"action":["name/cos:GetObject"],"effect":"allow","resource":["qcs::cos:ap-beijing:uid/1312345678:sgyp-h5-activity-1312345678/*"]}],"version":"2.0"}`},
		{"intl-marketing-1318765432", "acl", `{"AccessControlList":{"Grant":[` +
			`{"Grantee":{"DisplayName":"qcs::cam::uin/100087654321:uin/100087654321","ID":"qcs::cam::uin/100087654321:uin/100087654321","type":"CanonicalUser"},"Permission":"FULL_CONTROL"},` +
			`{"Grantee":{"URI":"http://cam.qcloud.com/groups/global/AllUsers","type":"Group"},"Permission":"FULL_CONTROL"}]},` +
			`"Owner":{"DisplayName":"qcs::cam::uin/100087654321:uin/100087654321","ID":"qcs::cam::uin/100087654321:uin/100087654321"}}`},
	}
	for _, tt := range exact {
		r, ok := all[tt.bucket]
		if !ok {
			t.Fatalf("bucket %s not collected", tt.bucket)
		}
		got := string(r.Data)
		if tt.key != "" {
			got = string(r.Related[tt.key])
		}
		if got != tt.want {
			t.Errorf("%s %s:\n got %s\nwant %s", tt.bucket, tt.key, got, tt.want)
		}
	}
}

func TestCOSListBucketsPages(t *testing.T) {
	emu, _, cred := demo(t)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint})
	c := caller.Client(shopUIN, "", cred)
	ctx := context.Background()
	whole, err := listBuckets(ctx, c, cosListPage)
	if err != nil {
		t.Fatal(err)
	}
	paged, err := listBuckets(ctx, c, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole) != 8 || len(paged) != len(whole) {
		t.Fatalf("whole %d, paged %d", len(whole), len(paged))
	}
	for i := range whole {
		if whole[i] != paged[i] {
			t.Fatalf("bucket %d: %+v vs %+v", i, whole[i], paged[i])
		}
	}
	n := 0
	for _, call := range emu.Calls() {
		if call.Action == "GetService" {
			n++
		}
	}
	if n != 1+3 { // one whole page, then pages of 3, 3 and 2
		t.Fatalf("%d GetService calls", n)
	}
	if cov := c.Coverage(); len(cov) != 1 || !cov[0].OK {
		t.Fatalf("coverage %+v", cov)
	}
}

// TestCOSReadFailuresAreGaps: a refused or failing read leaves its key out, names the gap and
// fails the action's coverage; the bucket's other reads and the other buckets are unaffected.
func TestCOSReadFailuresAreGaps(t *testing.T) {
	tests := []struct {
		name     string
		fault    func(*fixtures.Faults)
		failing  map[string][]string // bucket → the related keys that fail
		code     string
		grant    bool
		attempts int
	}{
		{"access denied", func(f *fixtures.Faults) {
			f.COSDenied = []string{"sgyp-static-1312345678:GetBucketPolicy", "sgyp-static-1312345678:GetBucketCORS"}
		}, map[string][]string{"sgyp-static-1312345678": {"policy", "cors"}}, "AccessDenied", true, 1},
		{"region down", func(f *fixtures.Faults) { f.RegionDown = []string{"ap-shanghai"} }, map[string][]string{
			"sgyp-upload-tmp-1312345678":    cosKeys,
			"sgyp-order-archive-1312345678": cosKeys,
			"sgyp-logs-sh-1312345678":       cosKeys,
		}, "InternalError", false, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := fixtures.LoadEmbedded("demo")
			if err != nil {
				t.Fatal(err)
			}
			tt.fault(&sc.Faults)
			emu, _, cred := listen(t, sc)
			caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint, RetryBase: time.Millisecond, MaxRetries: 2})
			c := caller.Client(shopUIN, "", cred)
			res, err := collectCOS(context.Background(), c)
			if err != nil || len(res) != 8 {
				t.Fatalf("%d buckets, err %v", len(res), err)
			}
			failedActions := map[string]bool{}
			for _, r := range res {
				bad := tt.failing[r.ID]
				if len(r.Gaps) != len(bad) {
					t.Errorf("%s: gaps %+v, want %v", r.ID, r.Gaps, bad)
				}
				for _, g := range r.Gaps {
					if g.Code != tt.code || !containsString(bad, g.Key) {
						t.Errorf("%s: gap %+v", r.ID, g)
					}
					failedActions[g.Action] = true
				}
				for _, k := range cosKeys {
					_, ok := r.Related[k]
					if ok == containsString(bad, k) {
						t.Errorf("%s: related %s present %v", r.ID, k, ok)
					}
				}
			}
			// A bucket without a policy still has policy: null (not a gap).
			if p := indexByID(res)["sgyp-product-images-1312345678"].Related["policy"]; string(p) != "null" {
				t.Errorf("product-images policy %s", p)
			}
			for _, rec := range c.Coverage() {
				wantFail := failedActions[rec.Action]
				if rec.OK == wantFail || (wantFail && (rec.Code != tt.code || (rec.Grant == rec.Action) != tt.grant)) {
					t.Errorf("coverage %+v", rec)
				}
			}
			// Each failing read was counted; a region that used up its retries once gets one
			// attempt per later read, so at most every attempt failed.
			for _, st := range caller.Stats() {
				if failedActions[st.Action] && (st.Errors < len(tt.failing) || st.Errors > len(tt.failing)*tt.attempts) {
					t.Errorf("stats %+v: want %d to %d errors", st, len(tt.failing), len(tt.failing)*tt.attempts)
				}
			}
		})
	}
}

// TestCOSWritesCannotLeave proves the read-only promise for COS: a COS client built by tsa's
// client layer cannot send a write or an undeclared read; the guard refuses it before anything
// reaches the network.
func TestCOSWritesCannotLeave(t *testing.T) {
	emu, _, cred := demo(t)
	caller, _ := NewCaller(Settings{Endpoint: emu.Endpoint, MaxRetries: -1})
	c := caller.Client(shopUIN, "", cred)
	cl := newCOS(c, "sgyp-static-1312345678", "ap-guangzhou")
	ctx := context.Background()
	before := len(emu.Calls())

	attempts := map[string]func() error{
		"PutBucketACL": func() error {
			_, err := cl.Bucket.PutACL(ctx, &cos.BucketPutACLOptions{Header: &cos.ACLHeaderOptions{XCosACL: "public-read-write"}})
			return err
		},
		"DeleteBucketCORS": func() error { _, err := cl.Bucket.DeleteCORS(ctx); return err },
		"PutObject": func() error {
			_, err := cl.Object.Put(ctx, "index.html", strings.NewReader("<h1>hi</h1>"), nil)
			return err
		},
		"GetBucketTagging (undeclared read)": func() error { _, _, err := cl.Bucket.GetTagging(ctx); return err },
	}
	for name, send := range attempts {
		if err := cosError(send()); !errors.Is(err, ErrNotReadOnly) {
			t.Errorf("%s was not refused by the guard: %v", name, err)
		}
	}
	// Through tsa's call helper, an undeclared action is refused before the SDK is reached.
	_, err := cosCall(ctx, c, "PutBucketVersioning", func(ctx context.Context) (*cos.Response, error) {
		t.Error("the send function ran")
		return nil, nil
	})
	if ErrorCode(err) != "TSA.NotReadOnly" {
		t.Fatalf("PutBucketVersioning: %v", err)
	}
	if n := len(emu.Calls()) - before; n != 0 {
		t.Fatalf("%d requests reached the emulator: %+v", n, emu.Calls()[before:])
	}
	// A declared read goes out through the same client.
	if _, _, err := cl.Bucket.GetACL(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestCOSRequestAction(t *testing.T) {
	const bucket = "logs-1250000000.cos.ap-guangzhou.myqcloud.com"
	tests := []struct {
		method, host, target string
		want                 string
		read                 bool
	}{
		{"GET", "service.cos.myqcloud.com", "/", "cos:GetService", true},
		{"GET", bucket, "/?acl", "cos:GetBucketACL", true},
		{"GET", bucket, "/?cors", "cos:GetBucketCORS", true},
		{"HEAD", bucket, "/", "cos:HeadBucket", true},
		{"PUT", bucket, "/?acl", "cos:PutBucketACL", false},
		{"DELETE", bucket, "/?lifecycle", "cos:DeleteBucketLifecycle", false},
		{"DELETE", bucket, "/", "cos:DeleteBucket", false},
		{"POST", bucket, "/?delete", "cos:PostBucket?delete", false},
		{"GET", bucket, "/a/b.txt", "cos:GetObject", true},
		{"GET", bucket, "/?tagging", "cos:GetBucket?tagging", true},
	}
	for _, tt := range tests {
		u, _ := url.Parse("http://127.0.0.1:1" + tt.target)
		r := &http.Request{Method: tt.method, URL: u, Host: tt.host}
		got, read := cosRequestAction(r)
		if got != tt.want || read != tt.read {
			t.Errorf("%s %s%s: got %s %v", tt.method, tt.host, tt.target, got, read)
		}
	}
}
