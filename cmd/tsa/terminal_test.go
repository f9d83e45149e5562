package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPipedProgressIsAHandfulOfLines: piped or in cron, 80 tasks make five lines (the first
// task and each quarter), with counts and the time left from a fake clock.
func TestPipedProgressIsAHandfulOfLines(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	p := newProgress(&out, false)
	clock := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	p.now, p.start = func() time.Time { return clock }, clock
	for i := 1; i <= 80; i++ {
		clock = clock.Add(time.Second)
		msg := fmt.Sprintf("100012345678 ap-guangzhou cvm: %d resources", 2)
		if i == 7 {
			msg += " (InternalError)"
		}
		p.update(i, 80, msg)
	}
	p.done()
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d progress lines:\n%s", len(lines), out.String())
	}
	if want := "tsa: collecting 40/80 tasks (50%), 80 resources, 1 with errors, about 40s left"; lines[2] != want {
		t.Errorf("half-way line %q, want %q", lines[2], want)
	}
	if strings.Contains(out.String(), "\r") {
		t.Error("piped progress redraws a line")
	}
}

// TestNoColorAndNoTerminal: colour needs a terminal and no NO_COLOR.
func TestNoColorAndNoTerminal(t *testing.T) {
	var buf bytes.Buffer
	if colorOn(&buf) {
		t.Error("colour into a buffer")
	}
	tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		return // no controlling terminal here: the buffer case above is what can be checked
	}
	defer tty.Close()
	t.Setenv("NO_COLOR", "")
	if colorOn(tty) {
		t.Error("colour with NO_COLOR set")
	}
}

// TestVerboseSaysWhatItUses: --verbose logs the configuration file, endpoint, credential
// source and store; without it none of that is said.
func TestVerboseSaysWhatItUses(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "tsa.yaml")
	if err := os.WriteFile(cfg, []byte("endpoint: http://127.0.0.1:1\naccounts:\n  - uin: \"100012345678\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TENCENTCLOUD_SECRET_ID", "AKIDexample0000000000")
	t.Setenv("TENCENTCLOUD_SECRET_KEY", "not-a-secret")
	store := filepath.Join(dir, "s.db")
	_, _, stderr := runCLI(t, "scan", "-c", cfg, "--verbose", "--store", store, "--max-retries", "0", "-q")
	for _, want := range []string{"msg=configuration file=" + cfg, "endpoint=http://127.0.0.1:1",
		`credential="environment (TENCENTCLOUD_SECRET_ID)"`, "msg=\"history store\" path=" + store} {
		if !strings.Contains(stderr, want) {
			t.Errorf("scan --verbose lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "not-a-secret") {
		t.Error("the log shows the SecretKey")
	}
	_, _, stderr = runCLI(t, "scan", "-c", cfg, "--store", store, "--max-retries", "0", "-q")
	if strings.Contains(stderr, "msg=configuration") {
		t.Errorf("logs without --verbose:\n%s", stderr)
	}
}

// TestLiveProgressIsOneLine: on a terminal the progress redraws one line, at most every
// redraw interval, and ends it before the summary.
func TestLiveProgressIsOneLine(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	p := newProgress(&out, false)
	clock := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	p.live, p.now, p.start = true, func() time.Time { return clock }, clock
	for i := 1; i <= 100; i++ {
		clock = clock.Add(50 * time.Millisecond)
		p.update(i, 100, "100012345678 ap-guangzhou cvm: 1 resources")
	}
	p.done()
	s := out.String()
	if strings.Count(s, "\n") != 1 || !strings.HasSuffix(s, "\n") {
		t.Fatalf("live progress spans several lines: %q", s)
	}
	// 100 tasks over 5 s, redrawn every 150 ms at most, and the last one always.
	if n := strings.Count(s, "\r\x1b[K"); n < 30 || n > 36 {
		t.Errorf("%d redraws", n)
	}
	if !strings.HasSuffix(s, "collecting 100/100 tasks (100%), 100 resources\n") {
		t.Errorf("last state: %q", s[strings.LastIndex(s, "\r"):])
	}
}
