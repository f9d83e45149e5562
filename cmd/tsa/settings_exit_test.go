package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tsa-scanner/tsa/fixtures"
)

// TestExitCodesOfRefusedAndInvalidSettings: what the documented table says for settings the
// API refuses or tsa cannot use. A wrong SecretKey stops the scan (1) even when the regions are
// configured and no discovery is needed; a skewed clock stops it (1) without blaming the key; an
// endpoint or product tsa does not know is a configuration error (2).
func TestExitCodesOfRefusedAndInvalidSettings(t *testing.T) {
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	emu, err := fixtures.Listen(sc, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	skewed, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	if err := skewed.Faults.Set("clock-skew=1h"); err != nil {
		t.Fatal(err)
	}
	skewedEmu, err := fixtures.Listen(skewed, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer skewedEmu.Close()
	key := sc.Accounts[0].Keys[0]

	tests := []struct {
		name, endpoint, extra, secretKey string
		code                             int
		want, never                      string
	}{
		{name: "wrong key, regions set", endpoint: emu.Endpoint, extra: "regions: [ap-guangzhou]\n", secretKey: "not-the-key",
			code: exitError, want: "AuthFailure.SignatureFailure", never: "not-the-key"},
		{name: "wrong key, regions discovered", endpoint: emu.Endpoint, secretKey: "not-the-key",
			code: exitError, want: "AuthFailure.SignatureFailure", never: "not-the-key"},
		{name: "clock skew", endpoint: skewedEmu.Endpoint, extra: "regions: [ap-guangzhou]\n", secretKey: key.SecretKey,
			code: exitError, want: "clock", never: "SecretKey"},
		{name: "bad endpoint", endpoint: "ftp://" + strings.TrimPrefix(emu.Endpoint, "http://"), secretKey: key.SecretKey,
			code: exitUsage, want: "want http://host:port"},
		{name: "unknown product", endpoint: emu.Endpoint, extra: "products: [cvm, ec2]\n", secretKey: key.SecretKey,
			code: exitUsage, want: `unknown product "ec2"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			isolate(t)
			t.Setenv("TENCENTCLOUD_SECRET_ID", key.SecretID)
			t.Setenv("TENCENTCLOUD_SECRET_KEY", tt.secretKey)
			t.Setenv("TSA_ENDPOINT", "")
			cfg := filepath.Join(t.TempDir(), "tsa.yaml")
			body := "endpoint: " + tt.endpoint + "\n" + tt.extra + "accounts:\n  - uin: \"" + sc.Accounts[0].UIN + "\"\n    plan: enterprise\n"
			if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, stderr := runCLI(t, "scan", "-q", "--no-store", "-c", cfg)
			if code != tt.code || !strings.Contains(stderr, tt.want) || (tt.never != "" && strings.Contains(out+stderr, tt.never)) {
				t.Fatalf("exit %d, want %d with %q and never %q:\n%s\n%s", code, tt.code, tt.want, tt.never, out, stderr)
			}
		})
	}
}
