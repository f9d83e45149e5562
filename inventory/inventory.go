// Package inventory holds the plain values that flow from the collectors to the rules engine:
// resources as the API returned them, and coverage, the outcome of every planned API call.
package inventory

import (
	"encoding/json"
	"sort"
)

// Resource is one cloud resource. Data keeps the API object with the API's own field names, as
// the SDK model marshals it, so a rule author can read the API reference and write a rule.
type Resource struct {
	Type    string            `json:"type"`
	ID      string            `json:"id"`
	Name    string            `json:"name,omitempty"`
	Account string            `json:"account"`
	Region  string            `json:"region"`
	Zone    string            `json:"zone,omitempty"`
	Tags    map[string]string `json:"tags,omitempty"`
	Data    json.RawMessage   `json:"data"`
	// Related holds joins a collector adds, e.g. a security group's policies.
	Related map[string]json.RawMessage `json:"related,omitempty"`
	// Gaps lists the sub-calls for this resource that failed; rules over it report unknown
	// rather than pass.
	Gaps []Gap `json:"gaps,omitempty"`
}

// Gap is a piece of data about one resource that could not be read.
type Gap struct {
	Action string `json:"action"` // service:Action, e.g. vpc:DescribeSecurityGroupPolicies
	Code   string `json:"code"`
	// Key is the related key (or top-level field, "zone") the failed read would have filled;
	// only rules that read it become unknown. Empty means the gap counts for every rule.
	Key string `json:"key,omitempty"`
}

// Call is the outcome of one planned API action for an account and region (all its pages).
// ResourceTypes are the types whose presence in the inventory depends on it: when the call
// failed, rules over those types cannot pass anything in that account and region.
type Call struct {
	Account       string   `json:"account"`
	Region        string   `json:"region"`
	Action        string   `json:"action"` // service:Action
	ResourceTypes []string `json:"resource_types,omitempty"`
	OK            bool     `json:"ok"`
	Code          string   `json:"code,omitempty"`
	Message       string   `json:"message,omitempty"`
	// Grant names the CAM action to grant when the failure was a permission error.
	Grant string `json:"grant,omitempty"`
	// Metrics, on monitor:GetMonitorData, counts per metric key how many subjects were asked
	// about and how many had data: a subject without data has no series, which rules read as
	// unknown, so coverage shows "monitor: n of m subjects had data".
	Metrics []MetricCoverage `json:"metrics,omitempty"`
}

// MetricCoverage is how many of the subjects of one tsa metric key (cvm_cpu, …) in an account
// and region Cloud Monitor returned at least one value for.
type MetricCoverage struct {
	Key      string `json:"key"`
	Subjects int    `json:"subjects"`
	WithData int    `json:"with_data"`
}

// Account is one scanned account and what happened when tsa tried to enter it.
type Account struct {
	UIN     string   `json:"uin"`
	Name    string   `json:"name,omitempty"`
	Plan    string   `json:"plan,omitempty"`
	Regions []string `json:"regions"`
	Error   string   `json:"error,omitempty"` // set when the account could not be scanned at all
}

// Inventory is everything collected in one scan.
type Inventory struct {
	Accounts  []Account  `json:"accounts"`
	Resources []Resource `json:"resources"`
	Coverage  []Call     `json:"coverage"`
}

// Failed returns the coverage records whose call did not succeed.
func (inv *Inventory) Failed() []Call {
	var out []Call
	for _, c := range inv.Coverage {
		if !c.OK {
			out = append(out, c)
		}
	}
	return out
}

// Sort orders resources and coverage deterministically, so two scans of the same cloud produce
// the same inventory whatever order the concurrent collectors finished in.
func (inv *Inventory) Sort() {
	sort.Slice(inv.Resources, func(i, j int) bool {
		a, b := inv.Resources[i], inv.Resources[j]
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		return a.ID < b.ID
	})
	sort.Slice(inv.Coverage, func(i, j int) bool {
		a, b := inv.Coverage[i], inv.Coverage[j]
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		return a.Action < b.Action
	})
	sort.Slice(inv.Accounts, func(i, j int) bool { return inv.Accounts[i].UIN < inv.Accounts[j].UIN })
}
