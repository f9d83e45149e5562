package report

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner"
	"github.com/tsa-scanner/tsa/scanner/history"
)

// shanghai is the report's default zone.
var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// history is a synthetic scan history, recorded through history.Store.Record as tsa scan
// records one: months of scans over two accounts, with findings that appear, persist and are
// resolved, quota and prepaid resources, and an unreadable region.
type historySpec struct {
	months   int    // monthly scans ending in 2026-11, plus one early in November
	findings int    // open failing findings in each scan
	plan     string // the accounts' support plan
}

// testRules are the synthetic rule library: each rule has texts in both languages.
var testRules = func() []result.Rule {
	var out []result.Rule
	kinds := []struct{ pillar, severity, product string }{
		{"security", "high", "vpc"}, {"security", "medium", "cam"}, {"reliability", "high", "cbs"},
		{"reliability", "medium", "cvm"}, {"service_limits", "high", "cvm"}, {"cost", "low", "cbs"},
		{"performance", "medium", "cdb"}, {"security", "low", "cos"},
	}
	for i, k := range kinds {
		id := fmt.Sprintf("TSA-%s-%03d", map[string]string{"vpc": "VPC", "cam": "CAM", "cbs": "CBS", "cvm": "CVM", "cdb": "CDB", "cos": "COS"}[k.product], i+1)
		out = append(out, result.Rule{ID: id, Pillar: k.pillar, Severity: k.severity, Product: k.product,
			ResourceTypes: []string{k.product + ".thing"},
			Title:         fmt.Sprintf("Rule %d finds a %s risk", i+1, k.pillar), Remediation: "Fix it the documented way.",
			TAMRecommendation: "Review this every month.", Description: "A synthetic rule.",
			I18n: map[string]result.RuleText{"zh-CN": {Title: fmt.Sprintf("规则 %d 发现的风险", i+1), Description: "合成规则。",
				Remediation: "按文档整改。", TAMRecommendation: "每月复核。"}}})
	}
	return out
}()

// scanDays are the days of the synthetic scans, oldest first.
func scanDays(months int) []time.Time {
	var out []time.Time
	for i := months - 1; i >= 0; i-- {
		out = append(out, time.Date(2026, 11-time.Month(i), 20, 10, 0, 0, 0, shanghai))
	}
	last := out[len(out)-1]
	return append(out[:len(out)-1], time.Date(2026, 11, 3, 10, 0, 0, 0, shanghai), last)
}

// newHistory records the synthetic history in a new store.
func newHistory(tb testing.TB, spec historySpec) *history.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := history.Open(ctx, filepath.Join(tb.TempDir(), "tsa.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	for i, day := range scanDays(spec.months) {
		res, inv := synthScan(spec, i, day)
		if _, err := st.Record(ctx, history.Input{Result: res, Inventory: inv, Now: day, Source: "test", Version: "test"}); err != nil {
			tb.Fatal(err)
		}
	}
	return st
}

// synthScan is scan i: a window of findings that slides by a tenth each scan, so some are
// resolved and some are new every time.
func synthScan(spec historySpec, i int, day time.Time) (*result.Scan, *inventory.Inventory) {
	accounts := []inventory.Account{
		{UIN: "100000000001", Name: "示例科技有限公司", Plan: spec.plan, Regions: []string{"ap-guangzhou", "ap-shanghai"}},
		{UIN: "100000000002", Name: "Example Global Pte. Ltd.", Plan: spec.plan, Regions: []string{"ap-singapore"}},
	}
	inv := &inventory.Inventory{Accounts: accounts}
	shift := i * max(spec.findings/10, 1)
	var findings []result.Finding
	counts := map[string]*result.RuleResult{}
	for _, r := range testRules {
		counts[r.ID] = &result.RuleResult{Rule: r}
	}
	for n := shift; n < shift+spec.findings; n++ {
		r := testRules[n%len(testRules)]
		acct := accounts[n%2].UIN
		region := accounts[n%2].Regions[0]
		id := fmt.Sprintf("res-%06d", n)
		findings = append(findings, result.Finding{ID: result.Fingerprint(r.ID, acct, region, id), RuleID: r.ID, Title: r.Title,
			Pillar: r.Pillar, Severity: r.Severity, Status: result.Fail, Account: acct, Region: region,
			ResourceType: r.ResourceTypes[0], ResourceID: id, ResourceName: fmt.Sprintf("服务-%d", n),
			Message: fmt.Sprintf("resource %s fails %s (emoji 🚀 and 𠀀 must not break the PDF)", id, r.ID)})
		counts[r.ID].Fail++
	}
	for _, r := range testRules {
		counts[r.ID].Pass = 40
	}
	// One waived finding, and an unknown over a region that could not be read.
	w := testRules[7]
	findings = append(findings, result.Finding{ID: result.Fingerprint(w.ID, "100000000001", "ap-shanghai", "bucket-logs"), RuleID: w.ID,
		Title: w.Title, Pillar: w.Pillar, Severity: w.Severity, Status: result.Waived, Account: "100000000001", Region: "ap-shanghai",
		ResourceType: "cos.thing", ResourceID: "bucket-logs", Message: "waived"})
	counts[w.ID].Waived++
	u := testRules[2]
	findings = append(findings, result.Finding{ID: result.Fingerprint(u.ID, "100000000002", "ap-singapore", "*"), RuleID: u.ID,
		Title: u.Title, Pillar: u.Pillar, Severity: u.Severity, Status: result.Unknown, Account: "100000000002", Region: "ap-singapore",
		ResourceID: "*", Message: "cbs:DescribeDisks failed: UnauthorizedOperation"})
	counts[u.ID].Unknown++
	var rules []result.RuleResult
	for _, r := range testRules {
		rules = append(rules, *counts[r.ID])
	}
	result.SortFindings(findings)
	// Resources: instances (one prepaid, expiring), a quota near its limit, disks added over time.
	quota := map[string]any{"QuotaSet": []map[string]any{{"QuotaId": "TOTAL_EIP_QUOTA", "QuotaCurrent": 16 + i, "QuotaLimit": 20}}}
	inv.Resources = append(inv.Resources,
		resource("vpc.address_quota", "vpc-address-quota/ap-guangzhou", "", "100000000001", "ap-guangzhou", quota),
		resource("cvm.instance", "ins-prepaid01", "订单服务-prod-01", "100000000001", "ap-guangzhou", map[string]any{
			"InstanceChargeType": "PREPAID", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW",
			"ExpiredTime": day.AddDate(0, 0, 12).UTC().Format(time.RFC3339)}))
	for n := 0; n <= i; n++ {
		inv.Resources = append(inv.Resources, resource("cbs.disk", fmt.Sprintf("disk-%04d", n), "", "100000000002", "ap-singapore", map[string]any{}))
	}
	inv.Coverage = []inventory.Call{
		{Account: "100000000001", Region: "ap-guangzhou", Action: "vpc:DescribeAddressQuota", OK: true},
		{Account: "100000000002", Region: "ap-singapore", Action: "cbs:DescribeDisks", Code: "UnauthorizedOperation",
			Message: "not authorized", Grant: "cbs:DescribeDisks"},
	}
	res := &result.Scan{StartedAt: day.UTC(), FinishedAt: day.Add(4 * time.Minute).UTC(), Partial: true, Accounts: accounts,
		Coverage: result.Coverage{Planned: 2, OK: 1, Failed: 1, Failures: []inventory.Call{inv.Coverage[1]},
			Products: []result.ProductCoverage{{Product: "cbs", Planned: 1, Percent: 0}, {Product: "vpc", OK: 1, Planned: 1, Percent: 100}}},
		Rules: rules, Findings: findings, Resources: len(inv.Resources),
		Scores: scanner.Score(scanner.Assessed{Rules: rules, Findings: findings}, result.DefaultScoring())}
	return res, inv
}

func resource(typ, id, name, account, region string, data map[string]any) inventory.Resource {
	raw, _ := json.Marshal(data)
	return inventory.Resource{Type: typ, ID: id, Name: name, Account: account, Region: region, Data: raw}
}

// build builds November 2026 from a store.
func build(tb testing.TB, st *history.Store, lang string, notes *Notes) *Monthly {
	tb.Helper()
	p, err := MonthPeriod("2026-11", shanghai)
	if err != nil {
		tb.Fatal(err)
	}
	m, err := Build(context.Background(), st, Options{Period: p, Lang: lang, Rules: testRules, Notes: notes, Version: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	return m
}
