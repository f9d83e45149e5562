package iem

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/support"
)

// Status is a check's verdict.
type Status string

// The verdicts of a check. Unknown is never counted as ready.
const (
	Pass    Status = "pass"
	Warn    Status = "warn"
	Fail    Status = "fail"
	Unknown Status = "unknown"
)

// Check is one judged item: the data, the projection and the verdict.
type Check struct {
	ID       string         `json:"id"`    // stable across runs: class/kind/resource
	Class    string         `json:"class"` // capacity, availability, protection, expiry, changes, support
	Kind     string         `json:"kind"`  // e.g. cvm_quota, cdb_cpu, clb_backup_zone
	Account  string         `json:"account,omitempty"`
	Region   string         `json:"region,omitempty"`
	Resource string         `json:"resource,omitempty"`
	Name     string         `json:"name,omitempty"`
	Status   Status         `json:"status"`
	Detail   string         `json:"detail"` // one line: the projection, or why it is unknown
	Evidence map[string]any `json:"evidence,omitempty"`
	Owner    string         `json:"owner,omitempty"`
	Due      *time.Time     `json:"due,omitempty"` // act before this: the event's start
}

// Groups are the three sub-scores and the check classes each covers.
var Groups = []struct {
	Name, Title string
	Classes     []string
}{
	{"capacity", "capacity and availability", []string{"capacity", "availability", "expiry"}},
	{"operations", "operations", []string{"changes", "support"}},
	{"security", "security", []string{"protection"}},
}

// SubScore is one group's readiness: the share of its checks that pass (a warning counts half),
// with unknown checks counted as not passing, so reading less never looks more ready.
type SubScore struct {
	Group   string  `json:"group"`
	Score   float64 `json:"score"`
	Checks  int     `json:"checks"`
	Unknown int     `json:"unknown"`
}

// Verdicts and the exit codes a pipeline acts on.
const (
	Ready         = "ready"           // 0
	ReadyWithRisk = "ready_with_risk" // 5: warnings only
	NotReady      = "not_ready"       // 7: a failing check
	Partial       = "partial"         // 3: no failure, but data missing
)

// ExitCode maps a verdict to the process exit code (documented in tsa iem check --help).
func ExitCode(verdict string) int {
	switch verdict {
	case NotReady:
		return 7
	case Partial:
		return 3
	case ReadyWithRisk:
		return 5
	}
	return 0
}

// Audit is a readiness audit of one event.
type Audit struct {
	Event     string     `json:"event"`
	Start     time.Time  `json:"start"`
	End       time.Time  `json:"end"`
	AuditedAt time.Time  `json:"audited_at"`
	Verdict   string     `json:"verdict"`
	Scores    []SubScore `json:"scores"`
	Checks    []Check    `json:"checks"`
	// NotCovered names what this audit does not check, so nobody reads silence as a pass.
	NotCovered []string       `json:"not_covered"`
	Counts     map[Status]int `json:"counts"`
}

// Input is what an audit judges: the event, a scan's inventory and findings, the support plan
// of each account, and the IEM sessions each account already used in the event's year.
type Input struct {
	Event        *Event
	Inventory    *inventory.Inventory
	Findings     []result.Finding
	Plans        map[string]string // account → tier
	Catalog      *support.Catalog
	SessionsUsed map[string]int
	Now          time.Time
}

// notCovered are IEM checks this version does not make (their collectors do not exist yet).
var notCovered = []string{
	"Auto Scaling groups (max size, disabled groups, failed scale-outs, scaling advice)",
	"instance types sold out in a zone (cvm zone instance configs)",
	"Anti-DDoS coverage of public IPs and blocked (blackholed) IPs",
	"account balance against the window's projected spend",
	"CVM maintenance tasks, and MySQL, Redis and TKE maintenance windows (MongoDB's are checked)",
	"alarm policies and receivers covering the event's hours",
}

// Run audits the event.
func Run(in Input) *Audit {
	ev := in.Event
	a := &Audit{Event: ev.Name, Start: ev.Start, End: ev.End, AuditedAt: in.Now, NotCovered: notCovered, Counts: map[Status]int{}}
	scoped := inScope(ev, in.Inventory.Resources)
	series := metricIndex(in.Inventory.Resources)
	for _, r := range scoped {
		a.Checks = append(a.Checks, capacity(ev, r, series)...)
		a.Checks = append(a.Checks, availability(ev, r, in.Now)...)
		a.Checks = append(a.Checks, expiry(ev, r)...)
		a.Checks = append(a.Checks, maintenance(ev, r)...)
	}
	a.Checks = append(a.Checks, quotas(ev, in.Inventory.Resources, scoped)...)
	a.Checks = append(a.Checks, singleInstances(ev, scoped)...)
	a.Checks = append(a.Checks, protection(ev, in.Findings, scoped)...)
	a.Checks = append(a.Checks, unread(ev, in.Inventory)...)
	for _, acct := range accountsOf(ev, in.Inventory) {
		a.Checks = append(a.Checks, Entitlements(ev, acct, in.Plans[acct], in.Catalog, in.SessionsUsed[acct])...)
	}
	due := ev.Start
	for i := range a.Checks {
		c := &a.Checks[i]
		c.Owner = ev.Owner(c.Class)
		if c.Status == Fail || c.Status == Warn || c.Status == Unknown {
			c.Due = &due
		}
		a.Counts[c.Status]++
	}
	rank := map[Status]int{Fail: 0, Unknown: 1, Warn: 2, Pass: 3}
	sort.SliceStable(a.Checks, func(i, j int) bool {
		x, y := a.Checks[i], a.Checks[j]
		if rank[x.Status] != rank[y.Status] {
			return rank[x.Status] < rank[y.Status]
		}
		return x.ID < y.ID
	})
	a.Scores = subScores(a.Checks)
	switch {
	case a.Counts[Fail] > 0:
		a.Verdict = NotReady
	case a.Counts[Unknown] > 0:
		a.Verdict = Partial
	case a.Counts[Warn] > 0:
		a.Verdict = ReadyWithRisk
	default:
		a.Verdict = Ready
	}
	return a
}

func subScores(checks []Check) []SubScore {
	var out []SubScore
	for _, g := range Groups {
		s := SubScore{Group: g.Name}
		points := 0.0
		for _, c := range checks {
			if !contains(g.Classes, c.Class) {
				continue
			}
			s.Checks++
			switch c.Status {
			case Pass:
				points++
			case Warn:
				points += 0.5
			case Unknown:
				s.Unknown++
			}
		}
		if s.Checks > 0 {
			s.Score = float64(int(points/float64(s.Checks)*1000+0.5)) / 10
		}
		out = append(out, s)
	}
	return out
}

// inScope keeps the resources the event's scope covers (all, when it names nothing).
func inScope(ev *Event, rs []inventory.Resource) []inventory.Resource {
	sc := ev.Scope
	var out []inventory.Resource
	for _, r := range rs {
		if r.Type == "monitor.metric" {
			continue
		}
		if len(sc.Accounts) > 0 && !contains(sc.Accounts, r.Account) ||
			len(sc.Regions) > 0 && r.Region != "" && !contains(sc.Regions, r.Region) ||
			len(sc.Resources) > 0 && !contains(sc.Resources, r.ID) ||
			!hasTags(r.Tags, sc.Tags) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// UnmatchedTags returns the scope's and critical services' tags that no resource carries: an
// event scoped by a tag nobody has would audit nothing and look ready. The keys are dotted paths
// of the event file, for errors that name the line.
func UnmatchedTags(ev *Event, rs []inventory.Resource) []string {
	var out []string
	match := func(path string, tags map[string]string) {
		for _, k := range sortedKeys(tags) {
			found := false
			for _, r := range rs {
				if v, ok := r.Tags[k]; ok && v == tags[k] {
					found = true
					break
				}
			}
			if !found {
				out = append(out, path+"."+k)
			}
		}
	}
	match("scope.tags", ev.Scope.Tags)
	for i, s := range ev.Critical {
		match(fmt.Sprintf("critical_services.%d.tags", i), s.Tags)
	}
	return out
}

func accountsOf(ev *Event, inv *inventory.Inventory) []string {
	if len(ev.Scope.Accounts) > 0 {
		return ev.Scope.Accounts
	}
	var out []string
	for _, a := range inv.Accounts {
		out = append(out, a.UIN)
	}
	return out
}

// unread turns failed list calls in scope into unknown checks: what was not listed cannot be
// ready.
func unread(ev *Event, inv *inventory.Inventory) []Check {
	var out []Check
	for _, c := range inv.Coverage {
		if c.OK || len(c.ResourceTypes) == 0 ||
			len(ev.Scope.Accounts) > 0 && !contains(ev.Scope.Accounts, c.Account) ||
			len(ev.Scope.Regions) > 0 && c.Region != "" && !contains(ev.Scope.Regions, c.Region) {
			continue
		}
		out = append(out, Check{ID: "coverage/" + c.Action + "/" + c.Account + "/" + c.Region, Class: "capacity", Kind: "unread",
			Account: c.Account, Region: c.Region, Status: Unknown,
			Detail: fmt.Sprintf("%s failed (%s): the %s in scope could not be judged", c.Action, c.Code, strings.Join(c.ResourceTypes, ", "))})
	}
	return out
}

func hasTags(have, want map[string]string) bool {
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// object decodes a resource's data; nil when it is not an object.
func object(raw json.RawMessage) map[string]any {
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	return m
}

// field walks a dotted path of object keys.
func field(m map[string]any, path string) (any, bool) {
	var v any = m
	for _, k := range strings.Split(path, ".") {
		o, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = o[k]; !ok || v == nil {
			return nil, false
		}
	}
	return v, true
}

// number reads a JSON number, or a number written as a string as the API sometimes does.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

// Change is a check whose verdict differs between two audits of an event.
type Change struct {
	ID     string `json:"id"`
	Before Status `json:"before,omitempty"` // "" when the check is new
	After  Status `json:"after,omitempty"`  // "" when the check is gone
	Detail string `json:"detail"`
}

// Compare lists the checks whose verdict changed from old to new, worst outcome first.
func Compare(old, new *Audit) []Change {
	before := map[string]Check{}
	for _, c := range old.Checks {
		before[c.ID] = c
	}
	var out []Change
	seen := map[string]bool{}
	for _, c := range new.Checks {
		seen[c.ID] = true
		if b, ok := before[c.ID]; !ok || b.Status != c.Status {
			out = append(out, Change{ID: c.ID, Before: b.Status, After: c.Status, Detail: c.Detail})
		}
	}
	for _, c := range old.Checks {
		if !seen[c.ID] {
			out = append(out, Change{ID: c.ID, Before: c.Status, Detail: "no longer checked: " + c.Detail})
		}
	}
	rank := map[Status]int{Fail: 0, Unknown: 1, Warn: 2, Pass: 3, "": 4}
	sort.SliceStable(out, func(i, j int) bool {
		if rank[out[i].After] != rank[out[j].After] {
			return rank[out[i].After] < rank[out[j].After]
		}
		return out[i].ID < out[j].ID
	})
	return out
}
