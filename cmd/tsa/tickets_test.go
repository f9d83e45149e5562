package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/support/tickets"
)

// TestScanSyncsTicketsWhenEnabled scans the emulator with a configuration whose tickets are on:
// the scan opens tickets, signs each webhook delivery and writes console drafts; the ledger
// lists them; a configuration naming an unknown rule stops the scan before it reads anything.
func TestScanSyncsTicketsWhenEnabled(t *testing.T) {
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		t.Fatal(err)
	}
	emu, err := fixtures.Listen(sc, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	key := sc.Accounts[0].Keys[0]
	t.Setenv("TENCENTCLOUD_SECRET_ID", key.SecretID)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", key.SecretKey)
	t.Setenv("TSA_TEST_WEBHOOK_SECRET", "hook-s3cret")
	var (
		mu     sync.Mutex
		events []string
		bad    []string
	)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		if err := tickets.Verify([]byte("hook-s3cret"), r.Header.Get(tickets.HeaderTimestamp), r.Header.Get(tickets.HeaderSignature), body, time.Now()); err != nil {
			bad = append(bad, err.Error())
		}
		events = append(events, r.Header.Get(tickets.HeaderEvent))
	}))
	defer rcv.Close()
	dir := t.TempDir()
	write := func(rules string) string {
		path := filepath.Join(dir, "tsa.yaml")
		cfg := "endpoint: " + emu.Endpoint + "\nproducts: [cvm]\naccounts:\n  - uin: \"" + sc.Accounts[0].UIN + "\"\n    plan: developer\n" +
			"tickets:\n  enabled: true\n  rules: [" + rules + "]\n  grades: {TSA-CVM-201: system_impaired}\n  drafts: drafts\n" +
			"  webhook:\n    url: " + rcv.URL + "\n    secret: {env: TSA_TEST_WEBHOOK_SECRET}\n"
		if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	store := filepath.Join(dir, "tsa.db")
	_, errOut, code := tsa(t, "scan", "--config", write("TSA-NOPE-404"), "--store", store, "-q")
	if code != exitUsage || !strings.Contains(errOut, `tickets.rules.0: unknown rule "TSA-NOPE-404"`) {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(store); err == nil {
		t.Fatal("a bad tickets policy still let the scan start")
	}
	out, errOut, code := tsa(t, "scan", "--config", write("TSA-CVM-201"), "--store", store, "-q")
	if code != exitOK && code != exitPartial {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	mu.Lock()
	if !strings.Contains(out, "Tickets   scan 1: 1 opened") || len(bad) > 0 || len(events) != 1 || events[0] != tickets.EventOpened {
		t.Fatalf("output:\n%s\nwebhook events %v, refused %v", out, events, bad)
	}
	mu.Unlock()
	if strings.Contains(out+errOut, "hook-s3cret") {
		t.Fatal("the webhook secret was printed")
	}
	list, _, code := tsa(t, "tickets", "list", "--store", store)
	if code != exitOK || !strings.Contains(list, "TSA-CVM-201") || !strings.Contains(list, "system_impaired") || !strings.Contains(list, "< 8h") {
		t.Fatalf("tickets list: exit %d\n%s", code, list)
	}
	draft, _, code := tsa(t, "tickets", "show", "1", "--store", store, "--draft", "--lang", "zh-CN")
	if code != exitOK || !strings.Contains(draft, "云服务器 CVM") || !strings.Contains(draft, "业务/系统异常") {
		t.Fatalf("draft: exit %d\n%s", code, draft)
	}
	if _, err := os.Stat(filepath.Join(dir, "drafts", "tsa-1.en.md")); err != nil {
		t.Fatal(err)
	}
}

func TestTicketCommandsHaveHelpAndExamples(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"plans", "tickets sync", "tickets list", "tickets show", "tickets close"} {
		cmd, _, err := newRootCommand().Find(strings.Fields(name))
		if err != nil || cmd.CommandPath() != "tsa "+name {
			t.Fatalf("%s: %v", name, err)
		}
		if cmd.Long == "" || !strings.Contains(cmd.Example, "tsa "+name) {
			t.Errorf("%s lacks a description or an example", name)
		}
	}
}
