package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// Assessment is the rules' verdict on an inventory: every non-passing finding, and per-rule
// counts including passes.
type Assessment struct {
	Findings []result.Finding    `json:"findings"`
	Rules    []result.RuleResult `json:"rules"`
	// Accounts holds the per-rule counts of each account (by UIN), for per-account scores.
	Accounts map[string][]result.RuleResult `json:"accounts"`
}

// Params are per-rule parameter overrides, by rule id.
type Params map[string]map[string]any

// Assess evaluates every rule over each account of the inventory, in parallel, and decides each
// rule × resource status by the contract in docs/rules.md: fail if denied, unknown if the rule
// or the data behind it says it cannot judge, else pass. paramsFor returns the overrides for
// an account (nil for none).
func (e *Engine) Assess(ctx context.Context, inv *inventory.Inventory, now time.Time, paramsFor func(account string) Params) (*Assessment, error) {
	groups, err := e.groups()
	if err != nil {
		return nil, err
	}
	accounts := map[string][]inventory.Resource{}
	for _, r := range inv.Resources {
		accounts[r.Account] = append(accounts[r.Account], r)
	}
	var (
		scanned []inventory.Account
		inputs  []*accountInput
	)
	for _, acct := range inv.Accounts {
		if acct.Error != "" {
			continue
		}
		var params Params
		if paramsFor != nil {
			params = paramsFor(acct.UIN)
		}
		in, err := newAccountInput(accounts[acct.UIN], now, e.params(params), groups)
		if err != nil {
			return nil, fmt.Errorf("account %s: %w", acct.UIN, err)
		}
		scanned, inputs = append(scanned, acct), append(inputs, in)
	}
	verdicts, err := e.evaluateGrouped(ctx, inputs)
	if err != nil {
		return nil, err
	}
	counts := map[string]*result.RuleResult{}
	for _, r := range e.rules {
		counts[r.ID] = &result.RuleResult{Rule: r}
	}
	out := &Assessment{Accounts: map[string][]result.RuleResult{}}
	for _, acct := range inv.Accounts {
		if acct.Error == "" {
			continue
		}
		// Nothing of this account was read: every rule is unknown for it.
		for _, r := range e.rules {
			out.Findings = append(out.Findings, unknownFinding(r, acct.UIN, "", "", "account could not be scanned: "+acct.Error))
			counts[r.ID].Unknown++
			out.Accounts[acct.UIN] = append(out.Accounts[acct.UIN], result.RuleResult{Rule: r, Unknown: 1})
		}
	}
	for i, acct := range scanned {
		view := newAccountView(acct.UIN, accounts[acct.UIN], inv.Coverage)
		for _, rule := range e.rules {
			rr := result.RuleResult{Rule: rule}
			out.Findings = view.judge(rule, verdicts[i][rule.Package], &rr, out.Findings)
			c := counts[rule.ID]
			c.Fail, c.Pass, c.Unknown = c.Fail+rr.Fail, c.Pass+rr.Pass, c.Unknown+rr.Unknown
			out.Accounts[acct.UIN] = append(out.Accounts[acct.UIN], rr)
		}
	}
	for _, r := range e.rules {
		out.Rules = append(out.Rules, *counts[r.ID])
	}
	result.SortFindings(out.Findings)
	return out, nil
}

// resourceKey identifies a resource within an account: ids are unique in practice, but the
// engine does not depend on it.
type resourceKey struct{ typ, region, id string }

func keyOf(r *inventory.Resource) resourceKey { return resourceKey{r.Type, r.Region, r.ID} }

// accountView is one account's resources and failed calls, indexed for judging.
type accountView struct {
	uin    string
	byType map[string][]*inventory.Resource
	byID   map[[2]string][]*inventory.Resource // type, id → the resources in every region
	// series holds the metric key, region and subject of every series with at least one value.
	series map[resourceKey]bool
	failed []inventory.Call
}

func newAccountView(uin string, resources []inventory.Resource, coverage []inventory.Call) *accountView {
	v := buildView(uin, resources, coverage)
	for i := range resources {
		if k, ok := seriesOf(&resources[i]); ok {
			v.series[k] = true
		}
	}
	return v
}

// buildView indexes the resources and failed calls, without the metric series.
func buildView(uin string, resources []inventory.Resource, coverage []inventory.Call) *accountView {
	v := &accountView{uin: uin, byType: map[string][]*inventory.Resource{}, byID: map[[2]string][]*inventory.Resource{}, series: map[resourceKey]bool{}}
	for i := range resources {
		r := &resources[i]
		v.byType[r.Type] = append(v.byType[r.Type], r)
		v.byID[[2]string{r.Type, r.ID}] = append(v.byID[[2]string{r.Type, r.ID}], r)
	}
	for _, c := range coverage {
		if c.Account == uin && !c.OK {
			v.failed = append(v.failed, c)
		}
	}
	return v
}

// seriesOf returns the metric key, region and subject of a monitor.metric resource with at
// least one value.
func seriesOf(r *inventory.Resource) (resourceKey, bool) {
	if r.Type != "monitor.metric" {
		return resourceKey{}, false
	}
	var d struct {
		Subject string
		Values  []any
	}
	if json.Unmarshal(r.Data, &d) != nil || !hasNumber(d.Values) {
		return resourceKey{}, false
	}
	return resourceKey{r.Name, r.Region, d.Subject}, true
}

func hasNumber(values []any) bool {
	for _, x := range values {
		if _, ok := x.(float64); ok {
			return true
		}
	}
	return false
}

// match returns the resources of the rule's types an entry names: by its resource_type when
// given, and by its region when given (else in every region).
func (v *accountView) match(types []string, e Entry) []*inventory.Resource {
	if e.ResourceType != "" {
		types = []string{e.ResourceType}
	}
	var out []*inventory.Resource
	for _, t := range types {
		for _, r := range v.byID[[2]string{t, e.Resource}] {
			if e.Region == "" || e.Region == r.Region {
				out = append(out, r)
			}
		}
	}
	return out
}

// judge turns one rule's verdicts into findings (appended to findings) and counts.
func (v *accountView) judge(rule result.Rule, verdicts *Verdicts, counts *result.RuleResult, findings []result.Finding) []result.Finding {
	if verdicts == nil {
		verdicts = &Verdicts{}
	}
	failed := map[resourceKey]bool{}
	for _, d := range verdicts.Deny {
		matched := v.match(rule.ResourceTypes, d)
		if len(matched) == 0 {
			// A denial of something outside the inventory (an account-wide finding) stands as given.
			findings = append(findings, failFinding(rule, v.uin, d, nil))
			counts.Fail++
		}
		for _, r := range matched {
			findings = append(findings, failFinding(rule, v.uin, d, r))
			failed[keyOf(r)] = true
			counts.Fail++
		}
	}
	reasons := map[resourceKey][]string{}
	for _, u := range verdicts.Unknown {
		reason := u.Reason
		if reason == "" {
			reason = "the rule cannot judge it"
		}
		matched := v.match(rule.ResourceTypes, u)
		if len(matched) == 0 {
			f := unknownFinding(rule, v.uin, u.Region, u.Resource, reason)
			f.ResourceType = u.ResourceType
			findings = append(findings, f)
			counts.Unknown++
		}
		for _, r := range matched {
			reasons[keyOf(r)] = append(reasons[keyOf(r)], reason)
		}
	}
	var joins []inventory.Call
	for _, c := range v.failed {
		if overlaps(c.ResourceTypes, rule.Joins) {
			joins = append(joins, c)
		}
	}
	for _, t := range rule.ResourceTypes {
		for _, r := range v.byType[t] {
			k := keyOf(r)
			if failed[k] {
				continue
			}
			why := reasons[k]
			if verdicts.Error != "" {
				why = append(why, "rule error: "+verdicts.Error)
			}
			why = append(why, gapReasons(rule, r)...)
			why = append(why, v.metricReasons(rule, r)...)
			for _, c := range joins {
				if c.Region == r.Region || c.Region == "" {
					why = append(why, callReason(c))
				}
			}
			if len(why) == 0 {
				counts.Pass++
				continue
			}
			f := unknownFinding(rule, v.uin, r.Region, r.ID, strings.Join(why, "; "))
			f.ResourceType, f.ResourceName, f.Tags = r.Type, r.Name, r.Tags
			findings = append(findings, f)
			counts.Unknown++
		}
	}
	// A list call that failed hides every resource of its types in that region: what was not
	// listed cannot be counted, so the region as a whole is unknown.
	for _, c := range v.failed {
		if overlaps(c.ResourceTypes, rule.ResourceTypes) {
			findings = append(findings, unknownFinding(rule, v.uin, c.Region, "", callReason(c)))
			counts.Unknown++
		}
	}
	return findings
}

// gapReasons are the gaps on r that the rule reads: those on a related key it declares, those
// without a key, and every gap when the rule declares no reads. A gap on the resource's own
// zone counts for every rule: reads name data and related keys, not the resource's envelope.
func gapReasons(rule result.Rule, r *inventory.Resource) []string {
	var out []string
	for _, g := range r.Gaps {
		if g.Key == "" || g.Key == "zone" || len(rule.Reads) == 0 || oneOf("related."+g.Key, rule.Reads) {
			out = append(out, g.Action+" failed with "+g.Code)
		}
	}
	return out
}

// metricReasons name the metrics the rule declares that have no series with data for r.
func (v *accountView) metricReasons(rule result.Rule, r *inventory.Resource) []string {
	var out []string
	for _, read := range rule.Reads {
		key, ok := strings.CutPrefix(read, "metric.")
		if ok && !v.series[resourceKey{key, r.Region, r.ID}] {
			out = append(out, fmt.Sprintf("Cloud Monitor returned no data for %s of %s", key, r.ID))
		}
	}
	return out
}

func callReason(c inventory.Call) string {
	return fmt.Sprintf("%s failed with %s: %s", c.Action, c.Code, c.Message)
}

func failFinding(rule result.Rule, account string, d Entry, r *inventory.Resource) result.Finding {
	f := result.Finding{
		RuleID: rule.ID, Title: rule.Title, Pillar: rule.Pillar, Severity: rule.Severity, Status: result.Fail,
		Account: account, Region: d.Region, ResourceType: d.ResourceType, ResourceID: d.Resource,
		Message: d.Message, Evidence: d.Evidence,
	}
	if oneOf(d.Severity, result.Severities) {
		f.Severity = d.Severity
	}
	if r != nil {
		f.ResourceType, f.Region, f.ResourceName, f.Tags = r.Type, r.Region, r.Name, r.Tags
	}
	f.ID = result.Fingerprint(rule.ID, account, f.Region, f.ResourceID)
	return f
}

func unknownFinding(rule result.Rule, account, region, resourceID, reason string) result.Finding {
	scope := resourceID
	if scope == "" {
		scope = "*"
	}
	return result.Finding{
		ID:     result.Fingerprint(rule.ID, account, region, scope),
		RuleID: rule.ID, Title: rule.Title, Pillar: rule.Pillar, Severity: rule.Severity, Status: result.Unknown,
		Account: account, Region: region, ResourceID: scope,
		Message: "not assessed: " + reason,
	}
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if oneOf(x, b) {
			return true
		}
	}
	return false
}

// params merges each rule's METADATA defaults with the overrides.
func (e *Engine) params(overrides Params) map[string]map[string]any {
	out := make(map[string]map[string]any, len(e.rules))
	for _, r := range e.rules {
		p := make(map[string]any, len(r.Params))
		for k, v := range r.Params {
			p[k] = v
		}
		for k, v := range overrides[r.ID] {
			p[k] = v
		}
		out[r.ID] = p
	}
	return out
}
