package tickets

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/config"
)

// TestBadInputFailsBeforeAnyWork: each mistake is found when the configuration is read or the
// tickets are set up, before a scan or a sync starts, naming the file:line or key.
func TestBadInputFailsBeforeAnyWork(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	open := filepath.Join(dir, "open.secret")
	if err := os.WriteFile(open, []byte("k3y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := "accounts: [{uin: \"100012345678\"}]\ntickets:\n"
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown rule", base + "  rules: [TSA-NOPE-999]\n", `tickets.rules.0: unknown rule "TSA-NOPE-999"`},
		{"unknown severity", base + "  severities: [critical]\n", `:3: tickets.severities.0: unknown severity "critical"`},
		{"unknown pillar", base + "  pillars: [speed]\n", `tickets.pillars.0: unknown pillar "speed"`},
		{"grade above the ceiling", base + "  grades: {TSA-CVM-201: production_impacted}\n", `:3: tickets.grades.TSA-CVM-201: tsa never grades a ticket production_impacted`},
		{"unknown case severity", base + "  grades: {TSA-CVM-201: urgent}\n", `unknown case severity "urgent"`},
		{"grade of an unknown rule", base + "  grades: {TSA-NOPE-1: general}\n", `tickets.grades.TSA-NOPE-1: unknown rule`},
		{"webhook not http", base + "  webhook:\n    url: ftp://hooks.example.com/tsa\n    secret: {env: TSA_TEST_UNSET}\n", `:4: tickets.webhook.url: "ftp://hooks.example.com/tsa" is not an http(s) URL`},
		{"world-readable secret", base + "  webhook:\n    url: https://hooks.example.com/tsa\n    secret: {file: " + open + "}\n", "tickets.webhook.secret: secret file " + open + " is world-readable"},
		{"unset secret", base + "  robots:\n    - kind: wecom\n      url: {env: TSA_TEST_UNSET_ROBOT}\n", "tickets.robots.0.url: environment variable TSA_TEST_UNSET_ROBOT is not set"},
		{"bad group", base + "  group: team\n", `tickets.group: "team": want rule_account or finding`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := config.Parse("tsa.yaml", []byte(tt.yaml))
			if err == nil {
				_, err = Setup(cfg, testEngine(t).Rules(), &fakeClock{})
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "k3y") {
				t.Fatal("the error repeats the secret")
			}
		})
	}
}

// TestRobotsSendTheirDocumentedFormats posts a new high ticket to a receiver playing each robot
// and checks the body, the signature and that nothing but new high tickets is sent.
func TestRobotsSendTheirDocumentedFormats(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	sign := func(key, msg string) string {
		m := hmac.New(sha256.New, []byte(key))
		m.Write([]byte(msg))
		return base64.StdEncoding.EncodeToString(m.Sum(nil))
	}
	tests := []struct {
		kind, secret string
		check        func(r *http.Request, body map[string]any) string // "" when right
		answer       string
	}{
		{"wecom", "", func(r *http.Request, b map[string]any) string {
			md, _ := b["markdown"].(map[string]any)
			if b["msgtype"] != "markdown" || !strings.Contains(md["content"].(string), "ins-1") || r.URL.Query().Get("key") != "robot-key" {
				return "not a WeCom markdown message"
			}
			return ""
		}, `{"errcode":0,"errmsg":"ok"}`},
		{"feishu", "fs-secret", func(_ *http.Request, b map[string]any) string {
			ts, _ := b["timestamp"].(string)
			if b["msg_type"] != "interactive" || ts != "1796378400" || b["sign"] != sign(ts+"\nfs-secret", "") {
				return "not a signed Feishu card"
			}
			return ""
		}, `{"code":0,"msg":"success"}`},
		{"dingtalk", "SECdt", func(r *http.Request, b map[string]any) string {
			q := r.URL.Query()
			md, _ := b["markdown"].(map[string]any)
			if b["msgtype"] != "markdown" || md["title"] == nil || q.Get("timestamp") != "1796378400000" ||
				q.Get("sign") != sign("SECdt", q.Get("timestamp")+"\nSECdt") || q.Get("access_token") != "robot-key" {
				return "not a signed DingTalk markdown message"
			}
			return ""
		}, `{"errcode":0,"errmsg":"ok"}`},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			t.Parallel()
			var (
				mu      sync.Mutex
				posts   int
				problem string
			)
			got := func() (int, string) {
				mu.Lock()
				defer mu.Unlock()
				return posts, problem
			}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				raw, _ := io.ReadAll(r.Body)
				mu.Lock()
				defer mu.Unlock()
				posts++
				var body map[string]any
				if err := json.Unmarshal(raw, &body); err != nil {
					problem = err.Error()
				} else {
					problem = tt.check(r, body)
				}
				io.WriteString(w, tt.answer)
			}))
			defer srv.Close()
			target := srv.URL + "/send?key=robot-key"
			if tt.kind == "dingtalk" {
				target = srv.URL + "/robot/send?access_token=robot-key"
			}
			robot, err := NewRobot(tt.kind, target, tt.secret, 1, srv.Client(), &fakeClock{now: now})
			if err != nil {
				t.Fatal(err)
			}
			if out := robot.Deliver(context.Background(), testChange(EventOpened)); out.Err != nil {
				t.Fatal(out.Err)
			}
			if _, problem := got(); problem != "" {
				t.Fatal(problem)
			}
			if out := robot.Deliver(context.Background(), testChange(EventResolved)); !out.Skipped {
				t.Fatal("a resolved ticket was sent to the robot")
			}
			clock := robot.clock.(*fakeClock)
			out := robot.Deliver(context.Background(), testChange(EventReopened))
			if posts, _ := got(); out.Err != nil || posts != 2 || len(clock.sleeps) != 1 || clock.sleeps[0] != robotPace {
				t.Fatalf("the second message was not paced: %v, %d posts, sleeps %v", out.Err, posts, clock.sleeps)
			}
		})
	}
}

func TestRobotRefusalIsFinalAndKeepsTheKeyOut(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, `{"errcode":93000,"errmsg":"invalid webhook url"}`)
	}))
	defer srv.Close()
	robot, err := NewRobot("wecom", srv.URL+"/send?key=secret-robot-key", "", 3, srv.Client(), &fakeClock{})
	if err != nil {
		t.Fatal(err)
	}
	out := robot.Deliver(context.Background(), testChange(EventOpened))
	if out.Err == nil || out.Attempts != 1 || !strings.Contains(out.Err.Error(), "code 93000") || strings.Contains(out.Err.Error(), "secret-robot-key") {
		t.Fatalf("attempts %d, error %v", out.Attempts, out.Err)
	}
	if _, err := NewRobot("wecom", "file:///etc/passwd?key=secret-robot-key", "", 1, srv.Client(), &fakeClock{}); err == nil ||
		strings.Contains(err.Error(), "secret-robot-key") {
		t.Fatalf("a non-http robot URL: %v", err)
	}
}

// TestQuotaDraftRequestsANewLimit: a quota at 90 % that grew 10 in 10 days asks for a limit that
// keeps 90 days of that growth at 70 %.
func TestQuotaDraftRequestsANewLimit(t *testing.T) {
	t.Parallel()
	first := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	tk := Ticket{ID: 9, RuleID: "TSA-CVM-202", Product: "cvm", Account: "100012345678", Plan: "basic", UpdatedAt: first.Add(10 * 24 * time.Hour),
		Items: []Item{{Fingerprint: "f", Region: "ap-guangzhou", ResourceID: "quota-ap-guangzhou",
			Evidence: map[string]any{"QuotaSet": []any{map[string]any{"QuotaId": "TOTAL_EIP_QUOTA", "QuotaCurrent": 90.0, "QuotaLimit": 100.0, "pct": 90.0},
				map[string]any{"QuotaId": "DAILY_EIP_APPLY", "QuotaCurrent": 1.0, "QuotaLimit": 10.0, "pct": 10.0}}}}},
		Baselines: map[string]Baseline{"f|TOTAL_EIP_QUOTA": {Used: 80, At: first}},
	}
	ds := Drafts(tk)
	if len(ds) != 2 || len(ds[0].Quota) != 1 {
		t.Fatalf("drafts %+v", ds)
	}
	q := ds[0].Quota[0]
	// 90 + 1/day × 90 days = 180 at 70 % → 257.1 → 260 (a multiple of 5).
	if q.Quota != "TOTAL_EIP_QUOTA" || q.GrowthDay != 1 || q.Requested != 260 {
		t.Fatalf("quota request %+v", q)
	}
	if ds[0].Category != "Quota increase" || ds[1].Category != "配额提升" || !strings.Contains(ds[1].Markdown(), "从 100 提升至 260") {
		t.Fatalf("drafts:\n%s\n%s", ds[0].Markdown(), ds[1].Markdown())
	}
}

func TestCleanKeepsTerminalsSafe(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"web-01\x1b[31m red", 100, "web-01[31m red"},
		{"two\nlines\tand tab\x00", 100, "two lines and tab"},
		{"订单库-备份盘", 100, "订单库-备份盘"},
		{strings.Repeat("x", 20), 10, strings.Repeat("x", 9) + "…"},
	}
	for _, tt := range tests {
		if got := clean(tt.in, tt.max); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
