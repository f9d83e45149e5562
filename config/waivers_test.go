package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadWaivers(t *testing.T) {
	p := writeFile(t, "waivers.yaml", `waivers:
  - rule: TSA-VPC-*
    resource: sg-ws9*
    reason: bastion is reachable only through the office VPN
    owner: ops@example.com
    expires: 2027-01-31
  - rule: TSA-CBS-101
    tags: {env: test}
    reason: test disks are rebuilt nightly
    owner: qa@example.com
`)
	ws, err := LoadWaivers(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2 || ws[0].Source != p+":2" || ws[1].Source != p+":7" {
		t.Fatalf("waivers: %+v", ws)
	}
	if ws[0].Expires.Format("2006-01-02 15:04") != "2027-01-31 23:59" {
		t.Fatalf("expiry: %v", ws[0].Expires)
	}
	if !ws[0].Matches("TSA-VPC-001", "1", "ap-guangzhou", "sg-ws9dz7f8", nil) || ws[0].Matches("TSA-CBS-101", "1", "r", "sg-ws9dz7f8", nil) {
		t.Fatal("rule glob or resource glob mismatch")
	}
	if !ws[1].Matches("TSA-CBS-101", "1", "r", "disk-1", map[string]string{"env": "test", "app": "x"}) || ws[1].Matches("TSA-CBS-101", "1", "r", "disk-1", map[string]string{"env": "prod"}) {
		t.Fatal("tag match wrong")
	}
}

func TestBadWaiverFilesNameFileLineAndField(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"no owner", "waivers:\n  - rule: TSA-VPC-001\n    reason: ok\n", []string{"waivers.yaml:2", "waivers.0.owner is missing"}},
		{"no reason", "waivers:\n  - rule: TSA-VPC-001\n    owner: me\n", []string{"waivers.yaml:2", "waivers.0.reason is missing"}},
		{"no rule", "waivers:\n  - owner: me\n    reason: ok\n", []string{"waivers.yaml:2", "waivers.0.rule is missing"}},
		{"unknown field", "waivers:\n  - rule: TSA-VPC-001\n    owner: me\n    reason: ok\n    expiry: 2027-01-01\n", []string{"waivers.yaml:5", `unknown key "expiry"`}},
		{"bad date", "waivers:\n  - rule: TSA-VPC-001\n    owner: me\n    reason: ok\n    expires: next year\n", []string{"waivers.yaml:5", "waivers.0.expires", "not a date"}},
		{"zero expiry", "waivers:\n  - rule: TSA-VPC-001\n    owner: me\n    reason: ok\n    expires: 0001-01-01T00:00:00Z\n", []string{"waivers.yaml:5", "waivers.0.expires", "not a real expiry date"}},
		{"bad glob", "waivers:\n  - rule: \"TSA-[\"\n    owner: me\n    reason: ok\n", []string{"waivers.yaml:2", "not a valid glob"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadWaivers(writeFile(t, "waivers.yaml", tt.body))
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}
