// Package iem is tsa's pre-event readiness audit for Infrastructure Event Management: given an
// event (a launch, a promotion, a traffic peak) with its window, scope and expected peak, it
// judges from a scan whether the estate will hold, what could break it and what must be done
// before the start, and whether the support plan's IEM entitlement can still be used.
package iem

import (
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/config"
)

// Event is an event file: what happens when, over which resources, at what peak.
type Event struct {
	Name   string `yaml:"name"`
	Window struct {
		Start    string `yaml:"start"` // 2026-11-11T00:00 or 2026-11-11, in TimeZone
		End      string `yaml:"end"`
		TimeZone string `yaml:"timezone"` // default Asia/Shanghai
	} `yaml:"window"`
	// RequestDate is when the IEM request is (or was) filed; default: the audit's day.
	RequestDate string `yaml:"request_date"`
	Scope       Scope  `yaml:"scope"`
	Multiplier  struct {
		Overall   float64            `yaml:"overall"`   // k: the peak is k × the reference peak
		Products  map[string]float64 `yaml:"products"`  // per product (cvm, cdb, redis, clb, …)
		Resources map[string]float64 `yaml:"resources"` // per resource id
	} `yaml:"multiplier"`
	Critical  []Service        `yaml:"critical_services"`
	Reference config.Retention `yaml:"reference_window"` // default 14d
	// Owners name who acts on each check class (capacity, availability, protection, expiry,
	// changes, observability, support); "default" covers the rest.
	Owners   map[string]string `yaml:"owners"`
	Holidays []string          `yaml:"holidays"` // dates that are not business days

	// Start and End are the window in its time zone; Requested is the request day.
	Start, End, Requested time.Time   `yaml:"-"`
	Days                  []time.Time `yaml:"-"` // holidays, parsed
	Source                string      `yaml:"-"` // the file
}

// Scope narrows the audit: only resources matching every given filter are judged.
type Scope struct {
	Accounts  []string          `yaml:"accounts"`
	Regions   []string          `yaml:"regions"`
	Tags      map[string]string `yaml:"tags"`
	Resources []string          `yaml:"resources"`
}

// Service is a critical service: resources named by id or by tags.
type Service struct {
	Name      string            `yaml:"name"`
	Resources []string          `yaml:"resources"`
	Tags      map[string]string `yaml:"tags"`
	Owner     string            `yaml:"owner"`
}

// Limits on an event file.
const (
	// MaxSessionDays is the longest IEM session the plan guide offers: up to 3 consecutive days.
	MaxSessionDays = 3
	// MaxMultiplier bounds the expected peak: more is surely a typo (and breaks projections).
	MaxMultiplier = 1000
	// DefaultReference is the history window the reference peak is read from.
	DefaultReference = 14 * 24 * time.Hour
)

var (
	regionPattern = regexp.MustCompile(`^[a-z]{2,4}(-[a-z]+)+(-\d+)?$`)
	uinPattern    = regexp.MustCompile(`^\d{5,20}$`)
)

// LoadEvent reads and checks an event file. accounts are the accounts tsa can scan (from the
// configuration); an account outside them is an error naming its line. today is the audit's day,
// the default request date.
func LoadEvent(path string, accounts []string, today time.Time) (*Event, error) {
	raw, err := config.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading event: %w", err)
	}
	return ParseEvent(path, raw, accounts, today)
}

// ParseEvent reads and checks event-file bytes; name is used in error messages.
func ParseEvent(name string, raw []byte, accounts []string, today time.Time) (*Event, error) {
	ev := &Event{Source: name}
	doc, err := config.Decode(name, raw, ev)
	if err != nil {
		return nil, err
	}
	var errs []string
	bad := func(path, format string, args ...any) {
		errs = append(errs, doc.Errorf(path, format, args...).Error())
	}
	if strings.TrimSpace(ev.Name) == "" {
		bad("name", "the event needs a name")
	}
	tz := ev.Window.TimeZone
	if tz == "" {
		tz = "Asia/Shanghai"
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		bad("window.timezone", "%q is not a time zone (e.g. Asia/Shanghai)", tz)
		loc = time.UTC
	}
	ev.Start, err = parseWhen(ev.Window.Start, loc, false)
	if err != nil {
		bad("window.start", "%v", err)
	}
	ev.End, err = parseWhen(ev.Window.End, loc, true)
	if err != nil {
		bad("window.end", "%v", err)
	}
	if !ev.Start.IsZero() && !ev.End.IsZero() {
		switch {
		case !ev.End.After(ev.Start):
			bad("window.end", "%s is not after the start %s", ev.Window.End, ev.Window.Start)
		case calendarDays(ev.Start, ev.End) > MaxSessionDays:
			bad("window.end", "the window spans %d days; an IEM session covers up to %d consecutive days (split the event, or buy extra days)", calendarDays(ev.Start, ev.End), MaxSessionDays)
		}
	}
	ev.Requested = dayIn(today, loc)
	if ev.RequestDate != "" {
		if ev.Requested, err = time.ParseInLocation(time.DateOnly, ev.RequestDate, loc); err != nil {
			bad("request_date", "%q is not a date (write 2026-10-20)", ev.RequestDate)
		}
	}
	known := map[string]bool{}
	for _, a := range accounts {
		known[a] = true
	}
	for i, a := range ev.Scope.Accounts {
		if !uinPattern.MatchString(a) {
			bad(fmt.Sprintf("scope.accounts.%d", i), "%q is not an account UIN (quote it in YAML)", a)
		} else if !known[a] {
			bad(fmt.Sprintf("scope.accounts.%d", i), "account %s is not among the accounts tsa scans (%s)", a, strings.Join(accounts, ", "))
		}
	}
	for i, r := range ev.Scope.Regions {
		if !regionPattern.MatchString(r) {
			bad(fmt.Sprintf("scope.regions.%d", i), "%q is not a region name (e.g. ap-guangzhou)", r)
		}
	}
	multiplier := func(path string, k float64) {
		if math.IsNaN(k) || k <= 0 || k > MaxMultiplier {
			bad(path, "%v is not a peak multiplier (a number above 0, at most %d)", k, MaxMultiplier)
		}
	}
	if ev.Multiplier.Overall == 0 && len(ev.Multiplier.Products) == 0 && len(ev.Multiplier.Resources) == 0 {
		bad("multiplier", "give the expected peak as multiplier.overall (e.g. 3 for three times the reference peak)")
	}
	if ev.Multiplier.Overall != 0 || doc.Has("multiplier.overall") {
		multiplier("multiplier.overall", ev.Multiplier.Overall)
	}
	for _, p := range sortedKeys(ev.Multiplier.Products) {
		multiplier("multiplier.products."+p, ev.Multiplier.Products[p])
	}
	for _, r := range sortedKeys(ev.Multiplier.Resources) {
		multiplier("multiplier.resources."+r, ev.Multiplier.Resources[r])
	}
	for i, s := range ev.Critical {
		if strings.TrimSpace(s.Name) == "" {
			bad(fmt.Sprintf("critical_services.%d", i), "a critical service needs a name")
		}
		if len(s.Resources) == 0 && len(s.Tags) == 0 {
			bad(fmt.Sprintf("critical_services.%d", i), "name its resources or tags")
		}
	}
	if ev.Reference == 0 {
		ev.Reference = config.Retention(DefaultReference)
	}
	for i, h := range ev.Holidays {
		d, err := time.ParseInLocation(time.DateOnly, h, loc)
		if err != nil {
			bad(fmt.Sprintf("holidays.%d", i), "%q is not a date (write 2026-10-01)", h)
			continue
		}
		ev.Days = append(ev.Days, d)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return ev, nil
}

// parseWhen reads a time or a date in loc; a date alone is its first second, or with end its
// last.
func parseWhen(s string, loc *time.Location, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, fmt.Errorf("missing (write 2026-11-11T00:00 or 2026-11-11)")
	}
	if d, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		if end {
			return d.AddDate(0, 0, 1).Add(-time.Second), nil
		}
		return d, nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(loc), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time (write 2026-11-11T00:00 or 2026-11-11)", s)
}

// calendarDays counts the calendar days a window touches.
func calendarDays(start, end time.Time) int {
	a, b := dayIn(start, start.Location()), dayIn(end, start.Location())
	return int(b.Sub(a).Hours()/24+0.5) + 1
}

func dayIn(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// MultiplierFor is the peak multiplier of a resource: its own, else its product's, else the
// overall one, else 1.
func (ev *Event) MultiplierFor(product, resource string) float64 {
	if k, ok := ev.Multiplier.Resources[resource]; ok {
		return k
	}
	if k, ok := ev.Multiplier.Products[product]; ok {
		return k
	}
	if ev.Multiplier.Overall > 0 {
		return ev.Multiplier.Overall
	}
	return 1
}

// Owner is who acts on a check class.
func (ev *Event) Owner(class string) string {
	if o := ev.Owners[class]; o != "" {
		return o
	}
	return ev.Owners["default"]
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// DemoEvent is the event file `tsa iem check --demo` audits: a promotion on the demo estate.
//
//go:embed demo-event.yaml
var DemoEvent []byte
