package iem

import (
	"fmt"
	"time"

	"github.com/tsa-scanner/tsa/support"
)

// Support-readiness facts from the plan guide (../shared/support-plans.md).
const (
	// Entitlement is the plan entitlement that includes IEM (Enterprise).
	Entitlement = "infrastructure_event_management"
	// SessionsPerYear are the IEM sessions Enterprise includes each year.
	SessionsPerYear = 3
	// LeadBusinessDays is the notice an IEM request needs.
	LeadBusinessDays = 10
)

// BusinessDays counts the business days strictly between from and to (Monday to Friday, not a
// holiday): the notice a request filed on from gives an event starting on to.
func BusinessDays(from, to time.Time, holidays []time.Time) int {
	loc := to.Location()
	off := map[string]bool{}
	for _, h := range holidays {
		off[h.In(loc).Format(time.DateOnly)] = true
	}
	n := 0
	end := dayIn(to, loc)
	for d := dayIn(from, loc).AddDate(0, 0, 1); d.Before(end); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && !off[d.Format(time.DateOnly)] {
			n++
		}
	}
	return n
}

// Entitlements checks the support side of readiness for one account: the plan includes IEM,
// a session is left this year, and the request gives enough notice. sessionsUsed counts the
// sessions already recorded in the event's year, this event's own excluded.
func Entitlements(ev *Event, account, tier string, plans *support.Catalog, sessionsUsed int) []Check {
	class := "support"
	check := func(kind string, st Status, detail string, evidence map[string]any) Check {
		return Check{ID: "support/" + kind + "/" + account, Class: class, Kind: kind, Account: account,
			Status: st, Detail: detail, Evidence: evidence}
	}
	var out []Check
	plan, ok := plans.Plan(tier)
	switch {
	case !ok:
		out = append(out, check("plan", Unknown, fmt.Sprintf("support plan %q is not in the plan data", tier), nil))
	case !plan.Has(Entitlement):
		out = append(out, check("plan", Warn, fmt.Sprintf("the %s plan does not include IEM: the audit still runs, but Tencent's IEM team will not staff the event (Enterprise includes %d sessions a year)", tier, SessionsPerYear),
			map[string]any{"plan": tier}))
	default:
		out = append(out, check("plan", Pass, fmt.Sprintf("the %s plan includes IEM", tier), map[string]any{"plan": tier}))
		left := SessionsPerYear - sessionsUsed
		st, detail := Pass, fmt.Sprintf("%d of %d IEM sessions used in %d: this event takes one, %d left after it", sessionsUsed, SessionsPerYear, ev.Start.Year(), left-1)
		if left <= 0 {
			st, detail = Fail, fmt.Sprintf("all %d IEM sessions of %d are used: buy extra IEM days for this event", SessionsPerYear, ev.Start.Year())
		}
		out = append(out, check("sessions", st, detail, map[string]any{"used": sessionsUsed, "included": SessionsPerYear}))
	}
	notice := BusinessDays(ev.Requested, ev.Start, ev.Days)
	st, detail := Pass, fmt.Sprintf("the request on %s gives %d business days' notice (%d needed)", ev.Requested.Format(time.DateOnly), notice, LeadBusinessDays)
	if notice < LeadBusinessDays {
		st, detail = Fail, fmt.Sprintf("the request on %s gives only %d business days' notice, %d are needed: request IEM now and ask for an exception, or buy extra days", ev.Requested.Format(time.DateOnly), notice, LeadBusinessDays)
	}
	out = append(out, check("lead_time", st, detail, map[string]any{"business_days": notice, "needed": LeadBusinessDays}))
	return out
}
