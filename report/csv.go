package report

import (
	"encoding/csv"
	"io"
	"sort"
	"strings"

	"github.com/tsa-scanner/tsa/result"
)

// csvWriter writes one row per finding (fail, unknown, waived), with the rule's remediation and
// TAM recommendation, for a spreadsheet or a ticket import.
type csvWriter struct{}

func (csvWriter) Format() string { return "csv" }

// csvHeader names the columns; docs/findings.md describes them.
var csvHeader = []string{"id", "status", "severity", "pillar", "rule_id", "title", "account", "region",
	"resource_type", "resource_id", "resource_name", "tags", "message", "remediation", "tam_recommendation",
	"waiver_owner", "waiver_expires", "waiver_reason"}

func (csvWriter) Write(w io.Writer, s *result.Scan) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, f := range s.Findings {
		var owner, expires, reason string
		if f.Waiver != nil {
			owner, expires, reason = f.Waiver.Owner, f.Waiver.Expires, f.Waiver.Reason
		}
		row := []string{f.ID, string(f.Status), f.Severity, f.Pillar, f.RuleID, f.Title, f.Account, f.Region,
			f.ResourceType, f.ResourceID, f.ResourceName, joinTags(f.Tags), f.Message, f.Remediation, f.TAMRecommendation,
			owner, expires, reason}
		for i, v := range row {
			row[i] = cell(v)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// joinTags writes tags as key=value pairs, sorted, separated by "; ".
func joinTags(tags map[string]string) string {
	pairs := make([]string, 0, len(tags))
	for k, v := range tags {
		pairs = append(pairs, k+"="+v)
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "; ")
}

// cell makes a value safe for a CSV cell opened in a spreadsheet: control characters are
// escaped (Clean) and a value that a spreadsheet would run as a formula (=, +, -, @) is
// prefixed with a quote.
func cell(v string) string {
	v = Clean(v)
	if v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
		return "'" + v
	}
	return v
}
