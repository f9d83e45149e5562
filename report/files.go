package report

import (
	"encoding/csv"
	"encoding/json"
	"io"
)

// WriteAtomic writes path with render, atomically: a failed render never leaves a
// half-written file where a previous good one was.
func WriteAtomic(path string, render func(io.Writer) error) error { return writeAtomic(path, render) }

// WriteMonthlyJSON writes the report model as indented JSON.
func WriteMonthlyJSON(w io.Writer, m *Monthly) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(m)
}

// WriteFindingsCSV writes every open finding of the report with its rule texts: the full
// list the appendix is capped from. Cells that a spreadsheet would run as a formula are
// quoted with a leading apostrophe.
func WriteFindingsCSV(w io.Writer, m *Monthly) error {
	c := Catalog(m.Lang)
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "rule_id", c.T("rk.risk"), "pillar", "severity", "account", "region", "resource_type", "resource_id",
		"resource_name", c.T("ap.message"), c.T("ap.remediation")})
	for _, d := range m.Details {
		for _, f := range d.all {
			row := []string{f.ID, f.RuleID, d.Title, f.Pillar, f.Severity, f.Account, f.Region, f.ResourceType, f.ResourceID,
				f.ResourceName, f.Message, d.Remediation}
			for i := range row {
				row[i] = cell(row[i])
			}
			cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}
