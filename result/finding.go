// Package result holds tsa's results as plain values: findings, per-rule counts, scores and
// coverage. It is a leaf: the report, the history store and the output writers read results
// without importing OPA or the SDK.
package result

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
)

// Status is the outcome of one rule for one resource.
type Status string

// The statuses of a finding. Unknown is never shown as healthy.
const (
	Fail    Status = "fail"
	Pass    Status = "pass"
	Unknown Status = "unknown"
	Waived  Status = "waived"
)

// Finding is a rule's verdict on one resource (or, for unknown, on what could not be read).
type Finding struct {
	ID           string            `json:"id"` // stable fingerprint of rule, account, region, resource
	RuleID       string            `json:"rule_id"`
	Title        string            `json:"title"`
	Pillar       string            `json:"pillar"`
	Severity     string            `json:"severity"`
	Status       Status            `json:"status"`
	Account      string            `json:"account"`
	Region       string            `json:"region"`
	ResourceType string            `json:"resource_type,omitempty"`
	ResourceID   string            `json:"resource_id"`
	ResourceName string            `json:"resource_name,omitempty"`
	Tags         map[string]string `json:"tags,omitempty"`
	Message      string            `json:"message"`
	Evidence     map[string]any    `json:"evidence,omitempty"`
	// Remediation and TAMRecommendation are the rule's texts, carried on each finding so a
	// consumer of one finding needs no join with the rules.
	Remediation       string `json:"remediation,omitempty"`
	TAMRecommendation string `json:"tam_recommendation,omitempty"`
	// Waiver says who accepted this risk and why, when the status is waived.
	Waiver *Suppression `json:"waiver,omitempty"`
}

// Suppression is the waiver that covers a finding.
type Suppression struct {
	Reason  string `json:"reason"`
	Owner   string `json:"owner"`
	Expires string `json:"expires,omitempty"`
	Source  string `json:"source"` // file:line of the waiver
}

// RuleResult counts one rule's verdicts over everything it inspected.
type RuleResult struct {
	Rule    Rule `json:"rule"`
	Fail    int  `json:"fail"`
	Pass    int  `json:"pass"`
	Unknown int  `json:"unknown"`
	Waived  int  `json:"waived"`
}

// Total is the number of resources (and unreadable scopes) the rule looked at.
func (r RuleResult) Total() int { return r.Fail + r.Pass + r.Unknown + r.Waived }

// SortFindings orders findings by status, severity, rule, account, region and resource.
func SortFindings(fs []Finding) {
	rank := map[string]int{"high": 0, "medium": 1, "low": 2}
	status := map[Status]int{Fail: 0, Unknown: 1, Waived: 2, Pass: 3}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if status[a.Status] != status[b.Status] {
			return status[a.Status] < status[b.Status]
		}
		if rank[a.Severity] != rank[b.Severity] {
			return rank[a.Severity] < rank[b.Severity]
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		return a.ResourceID < b.ResourceID
	})
}

// Fingerprint is a finding's stable id: the same rule, account, region and resource give the
// same id in every scan, so history can tell new, persisting and resolved findings apart.
func Fingerprint(ruleID, account, region, resourceID string) string {
	h := sha256.Sum256([]byte(ruleID + "\x00" + account + "\x00" + region + "\x00" + resourceID))
	return hex.EncodeToString(h[:8])
}
