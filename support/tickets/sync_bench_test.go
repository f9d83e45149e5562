package tickets

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner/history"
	"github.com/tsa-scanner/tsa/support"
)

// BenchmarkSync measures a sync of a large estate's scan — 100 rules × 10 accounts × 20
// failing resources, 1,000 group tickets — into a fresh ledger ("open"), and a sync of the next
// scan when nothing changed ("steady"), the nightly case.
func BenchmarkSync(b *testing.B) {
	var rules []result.Rule
	var findings []result.Finding
	for r := range 100 {
		id := fmt.Sprintf("TSA-BENCH-%03d", r)
		rules = append(rules, result.Rule{ID: id, Title: "bench rule", Pillar: "security", Severity: "high", Product: "cvm"})
		for a := range 10 {
			account := fmt.Sprintf("1000000000%02d", a)
			for i := range 20 {
				res := fmt.Sprintf("ins-%04d", i)
				findings = append(findings, result.Finding{ID: result.Fingerprint(id, account, "ap-guangzhou", res), RuleID: id,
					Status: result.Fail, Account: account, Region: "ap-guangzhou", ResourceID: res, Message: "bench",
					Evidence: map[string]any{"pct": 90.0, "used": 90.0, "limit": 100.0}})
			}
		}
	}
	policy, err := NewPolicy(config.Tickets{Limit: 1000}, rules, support.Builtin(), nil)
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	for _, mode := range []string{"open", "steady"} {
		b.Run(mode, func(b *testing.B) {
			for i := range b.N {
				b.StopTimer()
				store, err := history.Open(context.Background(), filepath.Join(b.TempDir(), fmt.Sprintf("%d.db", i)))
				if err != nil {
					b.Fatal(err)
				}
				s := &Syncer{Ledger: NewLedger(store), Policy: policy, Clock: SystemClock{}}
				run := Run{ScanID: 1, At: at, Findings: findings}
				if mode == "steady" {
					if _, err := s.Sync(context.Background(), run); err != nil {
						b.Fatal(err)
					}
					run.ScanID, run.At = 2, at.Add(24*time.Hour)
				}
				b.StartTimer()
				rep, err := s.Sync(context.Background(), run)
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if want := map[string]int{"open": 1000, "steady": 0}[mode]; len(rep.Changes) != want {
					b.Fatalf("%d changes, want %d", len(rep.Changes), want)
				}
				store.Close()
			}
		})
	}
}
