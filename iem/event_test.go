package iem

import (
	"strings"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/support"
)

var accounts = []string{"100012345678", "100087654321"}

const validEvent = `name: launch
window: {start: 2026-12-12T00:00, end: 2026-12-13T23:59}
multiplier: {overall: 3}
`

func TestEventFileErrorsNameFileAndLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"end before start", "name: x\nwindow:\n  start: 2026-12-12T10:00\n  end: 2026-12-12T09:00\nmultiplier: {overall: 2}\n", []string{"event.yaml:4", "window.end", "not after the start"}},
		{"window longer than a session", "name: x\nwindow:\n  start: 2026-12-10\n  end: 2026-12-14\nmultiplier: {overall: 2}\n", []string{"event.yaml:4", "spans 5 days", "up to 3 consecutive days"}},
		{"unknown account", "name: x\nwindow: {start: 2026-12-12, end: 2026-12-12}\nscope:\n  accounts: [\"100099999999\"]\nmultiplier: {overall: 2}\n", []string{"event.yaml:4", "scope.accounts.0", "not among the accounts"}},
		{"zero multiplier", "name: x\nwindow: {start: 2026-12-12, end: 2026-12-12}\nmultiplier:\n  overall: 0\n", []string{"event.yaml:4", "multiplier.overall", "not a peak multiplier"}},
		{"negative product multiplier", "name: x\nwindow: {start: 2026-12-12, end: 2026-12-12}\nmultiplier:\n  products:\n    cdb: -2\n", []string{"event.yaml:5", "multiplier.products.cdb"}},
		{"no multiplier", "name: x\nwindow: {start: 2026-12-12, end: 2026-12-12}\n", []string{"event.yaml", "multiplier.overall"}},
		{"unknown key", "name: x\nwindow: {start: 2026-12-12, end: 2026-12-12}\nmultiplier: {overall: 2}\nscop: {}\n", []string{"event.yaml:4", `unknown key "scop"`}},
		{"bad time zone", "name: x\nwindow: {start: 2026-12-12, end: 2026-12-12, timezone: Mars/Olympus}\nmultiplier: {overall: 2}\n", []string{"event.yaml:2", "not a time zone"}},
		{"bad holiday", "name: x\nwindow: {start: 2026-12-12, end: 2026-12-12}\nmultiplier: {overall: 2}\nholidays: [tomorrow]\n", []string{"event.yaml:4", "holidays.0"}},
		{"service without resources", "name: x\nwindow: {start: 2026-12-12, end: 2026-12-12}\nmultiplier: {overall: 2}\ncritical_services:\n  - name: api\n", []string{"event.yaml:5", "critical_services.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseEvent("event.yaml", []byte(tt.yaml), accounts, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
	ev, err := ParseEvent("event.yaml", []byte(validEvent), accounts, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if ev.Start.Format(time.RFC3339) != "2026-12-12T00:00:00+08:00" || ev.MultiplierFor("cvm", "x") != 3 || time.Duration(ev.Reference) != DefaultReference {
		t.Fatalf("parsed: start %v, multiplier %v, reference %v", ev.Start, ev.MultiplierFor("cvm", "x"), ev.Reference)
	}
}

func TestBusinessDays(t *testing.T) {
	t.Parallel()
	sh, _ := time.LoadLocation("Asia/Shanghai")
	day := func(s string) time.Time { d, _ := time.ParseInLocation(time.DateOnly, s, sh); return d }
	tests := []struct {
		from, to string
		holidays []string
		want     int
	}{
		{"2026-11-30", "2026-12-14", nil, 9},                    // Monday to Monday two weeks on: 9 between
		{"2026-11-27", "2026-12-14", nil, 10},                   // from the Friday before: 10
		{"2026-11-27", "2026-12-14", []string{"2026-12-01"}, 9}, // a holiday takes one
		{"2026-12-11", "2026-12-14", nil, 0},                    // Friday to Monday: a weekend only
		{"2026-12-14", "2026-12-14", nil, 0},
	}
	for _, tt := range tests {
		var hs []time.Time
		for _, h := range tt.holidays {
			hs = append(hs, day(h))
		}
		if got := BusinessDays(day(tt.from), day(tt.to), hs); got != tt.want {
			t.Errorf("BusinessDays(%s, %s, %v) = %d, want %d", tt.from, tt.to, tt.holidays, got, tt.want)
		}
	}
}

func TestEntitlements(t *testing.T) {
	t.Parallel()
	plans := support.Builtin()
	event := func(request string, holidays ...string) *Event {
		y := "name: x\nwindow: {start: 2026-12-14T09:00, end: 2026-12-14T18:00}\nmultiplier: {overall: 2}\nrequest_date: " + request + "\n"
		if len(holidays) > 0 {
			y += "holidays: [" + strings.Join(holidays, ", ") + "]\n"
		}
		ev, err := ParseEvent("event.yaml", []byte(y), accounts, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	status := func(cs []Check, kind string) Status {
		for _, c := range cs {
			if c.Kind == kind {
				return c.Status
			}
		}
		return ""
	}
	tests := []struct {
		name                   string
		ev                     *Event
		tier                   string
		used                   int
		plan, sessions, notice Status
	}{
		{"enterprise, on time", event("2026-11-27"), "enterprise", 0, Pass, Pass, Pass},
		{"basic plan: no IEM, still audited", event("2026-11-27"), "basic", 0, Warn, "", Pass},
		{"business plan: no IEM", event("2026-11-27"), "business", 0, Warn, "", Pass},
		{"a fourth session", event("2026-11-27"), "enterprise", 3, Pass, Fail, Pass},
		{"the third session", event("2026-11-27"), "enterprise", 2, Pass, Pass, Pass},
		{"9 business days across a weekend and a holiday", event("2026-11-27", "2026-12-01"), "enterprise", 0, Pass, Pass, Fail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := Entitlements(tt.ev, "100012345678", tt.tier, plans, tt.used)
			if got := status(cs, "plan"); got != tt.plan {
				t.Errorf("plan: %s, want %s", got, tt.plan)
			}
			if got := status(cs, "sessions"); got != tt.sessions {
				t.Errorf("sessions: %s, want %s", got, tt.sessions)
			}
			if got := status(cs, "lead_time"); got != tt.notice {
				t.Errorf("lead time: %s, want %s (%+v)", got, tt.notice, cs)
			}
		})
	}
}
