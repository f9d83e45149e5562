package iem

import (
	"os"
	"strings"
	"testing"
	"time"
)

// FuzzParseEvent feeds arbitrary YAML to the event-file parser: an event whose window is a real,
// bounded session and whose multipliers are positive, or an error naming the file, never a panic.
func FuzzParseEvent(f *testing.F) {
	demo, err := os.ReadFile("demo-event.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(demo)
	f.Add([]byte(validEvent))
	f.Add([]byte("name: x\nwindow: {start: 2026-12-12T10:00, end: 2026-12-12T09:00}\nmultiplier: {overall: .nan}\n"))
	f.Add([]byte("name: x\nwindow: {start: 0001-01-01, end: 9999-12-31, timezone: Local}\nmultiplier: {products: {a: 1e308}}\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		ev, err := ParseEvent("event.yaml", raw, accounts, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "event.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if !ev.End.After(ev.Start) || calendarDays(ev.Start, ev.End) > MaxSessionDays {
			t.Fatalf("accepted window %v → %v", ev.Start, ev.End)
		}
		for _, k := range []float64{ev.MultiplierFor("cvm", ""), ev.MultiplierFor("x", "y")} {
			if !(k > 0 && k <= MaxMultiplier) {
				t.Fatalf("accepted multiplier %v", k)
			}
		}
	})
}
