package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlansPrintsTheDataFileAndRefusesABadOne(t *testing.T) {
	t.Parallel()
	var out, errw bytes.Buffer
	if code := run([]string{"plans"}, &out, &errw); code != exitOK {
		t.Fatalf("exit %d: %s", code, errw.String())
	}
	for _, want := range []string{"general (Usage Consultation)", "< 16h", "< 15m", "tam", "system_impaired at most"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("tsa plans does not print %q:\n%s", want, out.String())
		}
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "tsa.yaml")
	if err := os.WriteFile(cfg, []byte("accounts:\n  - uin: \"100012345678\"\n    name: shop\n  - uin: \"100087654321\"\n    plan: enterprise\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run([]string{"plans", "--config", cfg}, &out, &errw); code != exitOK ||
		!strings.Contains(out.String(), "account 100012345678 (shop): basic plan") || !strings.Contains(out.String(), "account 100087654321: enterprise plan") {
		t.Fatalf("exit %d:\n%s%s", code, out.String(), errw.String())
	}
	bad := filepath.Join(dir, "plans.yaml")
	if err := os.WriteFile(bad, []byte("version: 1\nseverities: [{key: general, name: G}]\nplans:\n  - tier: basic\n    response: {urgent: 1h}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	errw.Reset()
	if code := run([]string{"plans", "--plans", bad}, &out, &errw); code != exitUsage || !strings.Contains(errw.String(), "plans.yaml:5: plans.0.response.urgent") {
		t.Fatalf("exit %d: %s", code, errw.String())
	}
}
