package report

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile writes path atomically with render: a failed render never leaves a half-written
// file where a previous good one was.
func WriteFile(path string, render func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	if err := render(w); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

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
			cw.Write(safeCells(f.ID, f.RuleID, d.Title, f.Pillar, f.Severity, f.Account, f.Region, f.ResourceType, f.ResourceID,
				f.ResourceName, f.Message, d.Remediation))
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeCells guards against CSV formula injection: names come from the cloud.
func safeCells(cells ...string) []string {
	for i, s := range cells {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			cells[i] = "'" + s
		}
	}
	return cells
}
