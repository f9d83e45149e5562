package rules_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/collectors"
	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/rules"
	"github.com/tsa-scanner/tsa/scanner"
)

// knownViolations are the mutations, by rule id, that still turn a fail into a pass (recorded
// when the test was written, before the rules declared `reads` and emitted `unknown`). Each is
// a bug in the rule, not in the engine: the rule must emit `unknown` when a field it reads is
// null or absent, or declare the metric in `reads` (docs/rules.md). Fix the rule and delete its
// entries (the test logs entries that no longer hold); a new violation fails the test.
var knownViolations = map[string][]string{}

// mutation is one way of taking away something a rule reads about one resource.
type mutation struct {
	name    string
	replace map[int]*inventory.Resource
	calls   []inventory.Call
}

// TestMissingDataNeverPasses is the mutation test over the whole library: for every rule and
// every resource of the demo that it fails or cannot judge, take away each thing the rule
// reads — a related key (leaving a gap on it), a data field (null, then absent), a metric
// series, a joined type (its list call failed) — and check the verdict never becomes pass.
// Rules that do not declare `reads` are mutated on every related key of the resource and every
// data field and metric key their Rego (or the tsa.lib modules it imports) names.
func TestMissingDataNeverPasses(t *testing.T) {
	t.Parallel()
	engine, err := rules.Library()
	if err != nil {
		t.Fatal(err)
	}
	d, err := demoInventory()
	if err != nil {
		t.Fatal(err)
	}
	inv, now := d.inv, d.now
	ctx := context.Background()
	byAccount := map[string][]inventory.Resource{}
	for _, r := range inv.Resources {
		byAccount[r.Account] = append(byAccount[r.Account], r)
	}
	violations := map[string]string{} // "<rule> <mutation>" → an example resource
	exercised := map[string]bool{}
	mutations := 0
	for _, uin := range sortedKeys(byAccount) {
		acct, err := engine.PrepareAccount(uin, byAccount[uin], inv.Coverage, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, rule := range engine.Rules() {
			base, err := acct.Statuses(ctx, rule, nil, nil)
			if err != nil {
				t.Fatalf("%s: %v", rule.ID, err)
			}
			strs := engine.Strings(rule)
			for i, r := range acct.Resources() {
				key := rules.Key(r.Type, r.Region, r.ID)
				if st, judged := base[key]; !judged || st == result.Pass {
					continue // a pass may become anything
				}
				for _, m := range mutationsOf(t, rule, acct.Resources(), i, strs) {
					mutations++
					got, err := acct.Statuses(ctx, rule, m.replace, m.calls)
					if err != nil {
						t.Fatalf("%s %s: %v", rule.ID, m.name, err)
					}
					name := rule.ID + " " + m.name
					exercised[name] = true
					if got[key] == result.Pass {
						violations[name] = fmt.Sprintf("%s %s (%s before)", r.Type, r.ID, base[key])
					}
				}
			}
		}
	}
	known := map[string]bool{}
	for id, list := range knownViolations {
		for _, m := range list {
			known[id+" "+m] = true
		}
	}
	for _, name := range sortedKeys(violations) {
		if !known[name] {
			t.Errorf("%s: %s passes after the mutation; the rule must say unknown", name, violations[name])
		}
	}
	// Rules are fixed on other branches while this list lives here: an entry that no longer
	// holds is reported, not failed, so a fix never breaks the suite.
	for _, name := range sortedKeys(known) {
		if exercised[name] && violations[name] == "" {
			t.Logf("%s no longer passes on missing data: delete it from knownViolations", name)
		}
	}
	if mutations == 0 {
		t.Fatal("no mutation ran: the demo fails nothing")
	}
	t.Logf("%d mutations, %d violations (%d known)", mutations, len(violations), len(known))
}

// mutationsOf lists the mutations of resources[i] for a rule.
func mutationsOf(t *testing.T, rule result.Rule, resources []inventory.Resource, i int, strs map[string]bool) []mutation {
	t.Helper()
	r := resources[i]
	var out []mutation
	one := func(name string, changed inventory.Resource) {
		out = append(out, mutation{name: name, replace: map[int]*inventory.Resource{i: &changed}})
	}
	declared := map[string][]string{} // data, related, metric → what follows the prefix
	for _, read := range rule.Reads {
		kind, what, _ := strings.Cut(read, ".")
		declared[kind] = append(declared[kind], what)
	}
	related, fields, metrics := declared["related"], declared["data"], declared["metric"]
	if len(rule.Reads) == 0 {
		related = sortedKeys(r.Related)
		var data map[string]json.RawMessage
		_ = json.Unmarshal(r.Data, &data)
		for _, f := range sortedKeys(data) {
			if strs[f] {
				fields = append(fields, f)
			}
		}
		for _, m := range resources {
			if m.Type == "monitor.metric" && m.Region == r.Region && strs[m.Name] && subjectOf(m) == r.ID {
				metrics = append(metrics, m.Name)
			}
		}
	}
	for _, k := range related {
		changed := r
		changed.Related = map[string]json.RawMessage{}
		for key, v := range r.Related {
			if key != k {
				changed.Related[key] = v
			}
		}
		changed.Gaps = append(append([]inventory.Gap{}, r.Gaps...), inventory.Gap{Action: "mutation:Read", Code: "Mutated", Key: k})
		one("related."+k+" unread", changed)
	}
	for _, f := range fields {
		for _, how := range []string{"null", "absent"} {
			changed := r
			changed.Data = editField(t, r.Data, strings.Split(f, "."), how == "absent")
			one("data."+f+" "+how, changed)
		}
	}
	for _, key := range unique(metrics) {
		m := mutation{name: "metric." + key + " without data", replace: map[int]*inventory.Resource{}}
		for j, s := range resources {
			if s.Type == "monitor.metric" && s.Name == key && s.Region == r.Region && subjectOf(s) == r.ID {
				m.replace[j] = nil
			}
		}
		out = append(out, m)
	}
	for _, typ := range rule.Joins {
		m := mutation{name: typ + " unlisted", replace: map[int]*inventory.Resource{},
			calls: []inventory.Call{{Account: r.Account, Region: r.Region, Action: "mutation:List", ResourceTypes: []string{typ}, Code: "Mutated"}}}
		for j, s := range resources {
			if s.Type == typ {
				m.replace[j] = nil
			}
		}
		out = append(out, m)
	}
	return out
}

// editField sets the field at path to null, or deletes it, in a JSON object. A path whose
// parent is not an object leaves the data as it was.
func editField(t *testing.T, raw json.RawMessage, path []string, remove bool) json.RawMessage {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return raw
	}
	obj := doc
	for _, p := range path[:len(path)-1] {
		next, ok := obj[p].(map[string]any)
		if !ok {
			return raw
		}
		obj = next
	}
	last := path[len(path)-1]
	if remove {
		delete(obj, last)
	} else {
		obj[last] = nil
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func subjectOf(m inventory.Resource) string {
	var d struct{ Subject string }
	_ = json.Unmarshal(m.Data, &d)
	return d.Subject
}

func unique(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestDemoGroupedMatchesSingleQuery: on the demo, the grouped evaluation finds exactly what one
// query over each account's whole inventory finds.
func TestDemoGroupedMatchesSingleQuery(t *testing.T) {
	t.Parallel()
	engine, err := rules.Library()
	if err != nil {
		t.Fatal(err)
	}
	d, err := demoInventory()
	if err != nil {
		t.Fatal(err)
	}
	inv, now := d.inv, d.now
	byAccount := map[string][]inventory.Resource{}
	for _, r := range inv.Resources {
		byAccount[r.Account] = append(byAccount[r.Account], r)
	}
	for uin, resources := range byAccount {
		single, grouped, err := engine.Digests(context.Background(), resources, now)
		if err != nil {
			t.Fatal(err)
		}
		if single != grouped {
			t.Errorf("account %s: grouped digest %s, single query %s", uin, grouped, single)
		}
	}
}

// demoInventory collects the demo scenario through the emulator once, as a demo scan does.
var demoInventory = sync.OnceValues(func() (demo, error) {
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		return demo{}, err
	}
	emu, err := fixtures.Listen(sc, "127.0.0.1:0")
	if err != nil {
		return demo{}, err
	}
	defer emu.Close()
	cfg, cred, err := sc.ScanConfig(emu.Endpoint)
	if err != nil {
		return demo{}, err
	}
	col, err := scanner.Collect(context.Background(), scanner.CollectOptions{Config: cfg, Credential: cred,
		Client: collectors.Settings{RetryBase: time.Millisecond, RateFactor: 1000}})
	if err != nil {
		return demo{}, err
	}
	if failed := col.Inventory.Failed(); len(failed) > 0 {
		return demo{}, fmt.Errorf("the demo collection is partial: %+v", failed)
	}
	return demo{col.Inventory, sc.Now}, nil
})

// demo is the collected demo inventory and the scenario's now.
type demo struct {
	inv *inventory.Inventory
	now time.Time
}
