package history

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner"
)

func ids(fs []result.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+" "+f.Account+" "+f.ResourceID)
	}
	return out
}

func TestFixAndNewRiskShowInDiffAndLifecycle(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, filepath.Join(t.TempDir(), "tsa.db"))
	first := record(t, s, demoScan(t, nil))
	if first.Counts.New != first.Counts.Fail || first.Counts.Resolved+first.Counts.Persisting+first.Counts.Reopened != 0 {
		t.Fatalf("first scan: everything failing is new: %+v", first.Counts)
	}
	second := record(t, s, demoScan(t, chain(fixRenewal, newExpiry)))
	want := Counts{Fail: first.Counts.Fail, Unknown: first.Counts.Unknown, Pass: first.Counts.Pass, New: 1, Resolved: 1, Persisting: first.Counts.Fail - 1}
	if second.Counts != want {
		t.Fatalf("second scan counts\n got %+v\nwant %+v", second.Counts, want)
	}

	d, err := s.Diff(ctx, first.ScanID, second.ScanID)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(d.New); len(got) != 1 || got[0] != "TSA-CVM-201 "+shopUIN+" ins-4i69bs9h" {
		t.Errorf("new: %v", got)
	}
	if got := ids(d.Resolved); len(got) != 1 || got[0] != "TSA-CVM-201 "+shopUIN+" ins-cbanspci" {
		t.Errorf("resolved: %v", got)
	}
	if len(d.Changed) != 0 || len(d.Unassessed) != 0 || d.Persisting != want.Persisting {
		t.Errorf("changed %v, unassessed %v, persisting %d", d.Changed, ids(d.Unassessed), d.Persisting)
	}
	if d.New[0].Severity != "high" {
		t.Errorf("new finding severity %s, want high (4 days left)", d.New[0].Severity)
	}

	// Back to the original scenario: the fix is undone (reopened), the new risk is fixed.
	third := record(t, s, demoScan(t, nil))
	if third.Counts.Reopened != 1 || third.Counts.Resolved != 1 || third.Counts.New != 0 {
		t.Fatalf("third scan counts: %+v", third.Counts)
	}
	issues, err := s.Issues(ctx, Query{Status: []string{"all"}, Rule: []string{"TSA-CVM-201"}, Account: []string{shopUIN}, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	byResource := map[string]Issue{}
	for _, is := range issues {
		byResource[is.ResourceID] = is
	}
	reopened, gone := byResource["ins-cbanspci"], byResource["ins-4i69bs9h"]
	if reopened.State != "open" || reopened.Event != Reopened || reopened.Reopened != 1 || reopened.FirstSeenScan != first.ScanID || reopened.LastSeenScan != third.ScanID {
		t.Errorf("reopened finding: %+v", reopened)
	}
	if gone.State != "resolved" || gone.Event != Resolved || gone.ResolvedAt == nil || gone.FirstSeenScan != second.ScanID {
		t.Errorf("resolved finding: %+v", gone)
	}
	if len(reopened.Evidence) == 0 {
		t.Errorf("an open issue carries its evidence: %+v", reopened)
	}
	// Scan list: newest first, with the lifecycle counts.
	scans, err := s.Scans(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(scans) != 3 || scans[0].ID != third.ScanID || scans[1].Counts != second.Counts || len(scans[0].Accounts) != 2 {
		t.Fatalf("scans: %+v", scans)
	}
}

func TestUnreadRegionCarriesItsFindingsOpen(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, filepath.Join(t.TempDir(), "tsa.db"))
	healthy := demoScan(t, nil)
	first := record(t, s, healthy)
	down := demoScan(t, func(_ testing.TB, sc *fixtures.Scenario) { sc.Faults.RegionDown = []string{"ap-shanghai"} })
	second := record(t, s, down)

	var inShanghai []string
	for _, f := range healthy.Result.Findings {
		if f.Status == result.Fail && f.Region == "ap-shanghai" {
			inShanghai = append(inShanghai, f.ID)
		}
	}
	if len(inShanghai) == 0 {
		t.Fatal("the demo has no failing finding in ap-shanghai to carry")
	}
	if second.Counts.Resolved != 0 || second.Counts.Carried != len(inShanghai) || second.Counts.New != 0 {
		t.Fatalf("region down: %+v, want %d carried and nothing resolved", second.Counts, len(inShanghai))
	}
	d, err := s.Diff(ctx, first.ScanID, second.ScanID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Resolved) != 0 || len(d.Unassessed) != len(inShanghai) {
		t.Fatalf("diff: %d resolved, %d unassessed", len(d.Resolved), len(d.Unassessed))
	}
	open, err := s.Issues(ctx, Query{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	carried := 0
	for _, is := range open {
		if is.Event == Carried {
			carried++
			if is.Status != result.Fail || is.Region != "ap-shanghai" || is.LastSeenScan != first.ScanID {
				t.Errorf("carried issue keeps its status and last sighting: %+v", is)
			}
		}
	}
	if carried != len(inShanghai) || len(open) != first.Counts.Fail {
		t.Fatalf("open issues: %d (%d carried), want %d (%d carried)", len(open), carried, first.Counts.Fail, len(inShanghai))
	}
	unknown, err := s.Issues(ctx, Query{Status: []string{"unknown"}, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if len(unknown) != second.Counts.Unknown || len(unknown) == 0 {
		t.Fatalf("unknown issues: %d, the scan had %d", len(unknown), second.Counts.Unknown)
	}
	// The region is back: its findings persist, they are neither new nor reopened.
	third := record(t, s, healthy)
	if third.Counts.Persisting != first.Counts.Fail || third.Counts.New+third.Counts.Reopened+third.Counts.Resolved != 0 {
		t.Fatalf("region back: %+v", third.Counts)
	}
}

func TestInterruptedScanResolvesNothing(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "tsa.db"))
	in := demoScan(t, nil)
	first := record(t, s, in)
	// An interrupted scan read part of the cloud; what it did not reach left no trace at all.
	cut := *in.Result
	cut.Interrupted = true
	cut.Findings = nil
	second := record(t, s, Input{Result: &cut, Inventory: in.Inventory, Now: in.Now, Source: in.Source})
	if second.Counts.Resolved != 0 || second.Counts.Carried != first.Counts.Fail {
		t.Fatalf("interrupted scan: %+v", second.Counts)
	}
}

func TestEvaluateReproducesRecordedScan(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, filepath.Join(t.TempDir(), "tsa.db"))
	in := demoScan(t, chain(fixRenewal, newExpiry))
	rec := record(t, s, in)
	record(t, s, demoScan(t, nil)) // another scan after it must not disturb it

	sc, err := s.Scan(ctx, rec.ScanID)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot(ctx, rec.ScanID)
	if err != nil {
		t.Fatal(err)
	}
	if !snap.Now.Equal(in.Now) || !sc.RulesNow.Equal(in.Now) {
		t.Fatalf("the scan's clock was not kept: snapshot %s, scan %s, want %s", snap.Now, sc.RulesNow, in.Now)
	}
	again, err := scanner.Evaluation{Engine: testEngine(t), Scoring: sc.Scores.Constants}.Run(ctx, &snap.Inventory, snap.Now)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := s.Findings(ctx, rec.ScanID)
	if err != nil {
		t.Fatal(err)
	}
	asJSON := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if asJSON(again.Findings) != asJSON(stored) {
		t.Fatal("re-evaluating the snapshot does not reproduce the stored findings")
	}
	if asJSON(stored) != asJSON(in.Result.Findings) {
		t.Fatal("the stored findings differ from the scan's")
	}
	if asJSON(again.Scores) != asJSON(sc.Scores) || asJSON(again.Coverage) != asJSON(sc.Coverage) {
		t.Fatal("re-evaluating the snapshot does not reproduce the scores and coverage")
	}
	// And the clock matters: judged today, expiry findings would differ.
	later, err := scanner.Evaluation{Engine: testEngine(t)}.Run(ctx, &snap.Inventory, snap.Now.AddDate(0, 0, 60))
	if err != nil {
		t.Fatal(err)
	}
	if asJSON(later.Findings) == asJSON(stored) {
		t.Fatal("evaluating 60 days later gives the same findings: the test cannot tell the clock is kept")
	}
}

func TestPruneKeepsLatestScanOfEachAccount(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, filepath.Join(t.TempDir(), "tsa.db"))
	in := demoScan(t, nil)
	base := time.Date(2026, 1, 1, 2, 0, 0, 0, time.UTC)
	at := func(days int) Input {
		res := *in.Result
		res.StartedAt, res.FinishedAt = base.AddDate(0, 0, days), base.AddDate(0, 0, days).Add(time.Minute)
		return Input{Result: &res, Inventory: in.Inventory, Now: in.Now, Source: in.Source}
	}
	for _, day := range []int{0, 30, 60} {
		record(t, s, at(day))
	}
	// Recording day 100 with a 50-day retention drops days 0 and 30 in the same transaction.
	keep := at(100)
	keep.Keep = 50 * 24 * time.Hour
	r := record(t, s, keep)
	if r.Pruned != 2 {
		t.Fatalf("pruned %d scans, want 2", r.Pruned)
	}
	scans, err := s.Scans(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(scans) != 2 || !scans[1].StartedAt.Equal(base.AddDate(0, 0, 60)) {
		t.Fatalf("scans left: %+v", scans)
	}
	if _, err := s.Snapshot(ctx, 1); !errors.Is(err, ErrNoScan) {
		t.Fatalf("snapshot of a pruned scan: %v", err)
	}
	// Pruning everything still leaves the latest scan of each account to compare with.
	would, err := s.PruneDryRun(ctx, base.AddDate(1, 0, 0))
	if err != nil || len(would) != 1 {
		t.Fatalf("dry run: %v, %v", would, err)
	}
	if scans, _ := s.Scans(ctx, 0); len(scans) != 2 {
		t.Fatalf("a dry run removed scans: %+v", scans)
	}
	ids, err := s.Prune(ctx, base.AddDate(1, 0, 0))
	if err != nil || len(ids) != 1 || ids[0] != would[0] {
		t.Fatalf("prune: %v, %v (dry run said %v)", ids, err, would)
	}
	if scans, _ := s.Scans(ctx, 0); len(scans) != 1 || scans[0].ID != r.ScanID {
		t.Fatalf("scans left: %+v", scans)
	}
	if bad, err := s.Check(ctx); err != nil || len(bad) > 0 {
		t.Fatalf("integrity after pruning: %v %v", bad, err)
	}
}

// BenchmarkRecord measures writing one demo scan (186 resources, 61 failing findings) into a
// store that already holds the previous ones.
func BenchmarkRecord(b *testing.B) {
	s := openStore(b, filepath.Join(b.TempDir(), "tsa.db"))
	in := demoScan(b, nil)
	b.ResetTimer()
	for b.Loop() {
		record(b, s, in)
	}
}
