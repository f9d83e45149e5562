package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"
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

// printJSON writes v as indented JSON, as tsa's JSON outputs are.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

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
