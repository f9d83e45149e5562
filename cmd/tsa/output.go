package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"

	"github.com/tsa-scanner/tsa/report"
)

// addFormatFlag adds --format table|json.
func addFormatFlag(fl *pflag.FlagSet, format *string) {
	fl.StringVar(format, "format", "table", "output format: table or json")
}

func checkFormat(format string) error {
	if format != "table" && format != "json" {
		return usageError("--format %q: want table or json", format)
	}
	return nil
}

// printJSON writes v as indented JSON, as tsa's JSON outputs are; with mask (one optional
// argument), SecretIds in it are masked.
func printJSON(w io.Writer, v any, mask ...bool) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	out := buf.String()
	if len(mask) > 0 && mask[0] {
		out = report.MaskSecret(out)
	}
	_, err := io.WriteString(w, out)
	return err
}

// shown makes a stored value from the cloud safe for a terminal table: control characters
// escaped, SecretIds masked.
func shown(s string) string { return report.Clean(report.MaskSecret(s)) }

// when shows a stored time in the reader's local zone.
func when(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

// age writes a time span coarsely: minutes, hours or days.
func age(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}
