package iem

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// Projection thresholds: below 80 % of a limit passes, 80–100 % warns, above fails.
const (
	warnAt = 80.0
	failAt = 100.0
)

// metricCheck is a Cloud Monitor key judged against a limit at the event's peak.
type metricCheck struct {
	key, product string
	// scaled: the metric grows with traffic, so the peak is multiplied; memory and disk use grow
	// with data instead and are judged as they are.
	scaled bool
	// limit is the ceiling the projection is compared with: 100 for percentages, else a field
	// of the resource's data.
	limitField string
	unit       string
}

// metricChecks by subject type. Daily values are Cloud Monitor's daily statistic (the peak for
// CPU); the reference peak is their maximum over the reference window.
var metricChecks = map[string][]metricCheck{
	"cvm.instance": {
		{key: "cvm_cpu", product: "cvm", scaled: true, unit: "%"},
		{key: "cvm_wan_out", product: "cvm", scaled: true, limitField: "InternetAccessible.InternetMaxBandwidthOut", unit: "Mbps"},
	},
	"cdb.instance": {
		{key: "cdb_cpu", product: "cdb", scaled: true, unit: "%"},
		{key: "cdb_connection_use", product: "cdb", scaled: true, unit: "%"},
		{key: "cdb_volume", product: "cdb", unit: "%"},
	},
	"redis.instance": {
		{key: "redis_cpu", product: "redis", scaled: true, unit: "%"},
		{key: "redis_mem", product: "redis", unit: "%"},
		{key: "redis_connections", product: "redis", scaled: true, limitField: "ClientLimit", unit: "connections"},
	},
	"mongodb.instance": {
		{key: "mongodb_cpu", product: "mongodb", scaled: true, unit: "%"},
		{key: "mongodb_disk", product: "mongodb", unit: "%"},
	},
}

// series are metric values by key and subject.
type series map[[2]string]*metricSeries

type metricSeries struct {
	values []float64
	period float64
}

func metricIndex(rs []inventory.Resource) series {
	out := series{}
	for _, r := range rs {
		if r.Type != "monitor.metric" {
			continue
		}
		d := object(r.Data)
		subject, _ := d["Subject"].(string)
		s := &metricSeries{}
		s.period, _ = number(d["Period"])
		vals, _ := d["Values"].([]any)
		for _, v := range vals {
			if f, ok := number(v); ok {
				s.values = append(s.values, f)
			}
		}
		out[[2]string{r.Name, r.Region + "/" + subject}] = s
	}
	return out
}

// peak is the maximum of the series' last window of values.
func (s *metricSeries) peak(window time.Duration) (float64, int, bool) {
	vals := s.values
	if s.period > 0 {
		if n := int(window.Seconds() / s.period); n > 0 && n < len(vals) {
			vals = vals[len(vals)-n:]
		}
	}
	if len(vals) == 0 {
		return 0, 0, false
	}
	m := math.Inf(-1)
	for _, v := range vals {
		m = math.Max(m, v)
	}
	return m, len(vals), true
}

func capacity(ev *Event, r inventory.Resource, idx series) []Check {
	var out []Check
	d := object(r.Data)
	for _, mc := range metricChecks[r.Type] {
		c := Check{ID: "capacity/" + mc.key + "/" + r.Account + "/" + r.Region + "/" + r.ID, Class: "capacity", Kind: mc.key,
			Account: r.Account, Region: r.Region, Resource: r.ID, Name: r.Name}
		limit := 100.0
		if mc.limitField != "" {
			v, ok := field(d, mc.limitField)
			l, isNum := number(v)
			if !ok || !isNum {
				c.Status, c.Detail = Unknown, fmt.Sprintf("%s of %s is not known, so %s cannot be projected against it", mc.limitField, r.ID, mc.key)
				out = append(out, c)
				continue
			}
			if l <= 0 {
				continue // no public bandwidth, or no limit: nothing to exhaust
			}
			limit = l
		}
		s := idx[[2]string{mc.key, r.Region + "/" + r.ID}]
		if s == nil {
			c.Status, c.Detail = Unknown, fmt.Sprintf("Cloud Monitor returned no data for %s of %s", mc.key, r.ID)
			out = append(out, c)
			continue
		}
		peak, n, ok := s.peak(time.Duration(ev.Reference))
		if !ok {
			c.Status, c.Detail = Unknown, fmt.Sprintf("Cloud Monitor returned no data for %s of %s", mc.key, r.ID)
			out = append(out, c)
			continue
		}
		k := 1.0
		if mc.scaled {
			k = ev.MultiplierFor(mc.product, r.ID)
		}
		projected := peak * k
		pct := projected / limit * 100
		c.Status = grade(pct)
		days := int(math.Round(float64(n) * s.period / 86400))
		c.Detail = fmt.Sprintf("%s: peak %s %s over %d days × %s = %s of %s %s (%.0f %%)", mc.key, trim(peak), mc.unit, days, trim(k), trim(projected), trim(limit), mc.unit, pct)
		if !mc.scaled {
			c.Detail = fmt.Sprintf("%s: peak %s %s over %d days, not multiplied (it grows with data, not traffic): %.0f %% of %s", mc.key, trim(peak), mc.unit, days, pct, trim(limit))
		}
		c.Evidence = map[string]any{"metric": mc.key, "statistic": "max of the period values", "period": s.period, "peak": peak, "multiplier": k, "projected": projected, "limit": limit, "days": days}
		out = append(out, c)
	}
	return out
}

func grade(pct float64) Status {
	switch {
	case pct > failAt:
		return Fail
	case pct >= warnAt:
		return Warn
	}
	return Pass
}

func trim(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

// quotas judges the quotas of the regions in scope: CVM instances per zone at the projected
// scale-out of the in-scope fleet, and CLB and EIP counts as they are (they do not scale with
// traffic).
func quotas(ev *Event, all, scoped []inventory.Resource) []Check {
	regions := map[string]bool{}
	fleet := map[string]int{} // account/zone → in-scope postpaid instances
	for _, r := range scoped {
		regions[r.Account+"/"+r.Region] = true
		if r.Type == "cvm.instance" {
			if ct, _ := field(object(r.Data), "InstanceChargeType"); ct != "PREPAID" {
				fleet[r.Account+"/"+r.Zone]++
			}
		}
	}
	var out []Check
	for _, r := range all {
		if !regions[r.Account+"/"+r.Region] {
			continue
		}
		d := object(r.Data)
		switch r.Type {
		case "cvm.quota":
			set, _ := field(d, "AccountQuota.PostPaidQuotaSet")
			list, ok := set.([]any)
			if !ok {
				out = append(out, Check{ID: "capacity/cvm_quota/" + r.Account + "/" + r.Region, Class: "capacity", Kind: "cvm_quota",
					Account: r.Account, Region: r.Region, Status: Unknown, Detail: "the pay-as-you-go instance quota was not returned"})
				continue
			}
			for _, q := range list {
				qm, _ := q.(map[string]any)
				zone, _ := qm["Zone"].(string)
				n := fleet[r.Account+"/"+zone]
				if n == 0 {
					continue
				}
				c := Check{ID: "capacity/cvm_quota/" + r.Account + "/" + zone, Class: "capacity", Kind: "cvm_quota",
					Account: r.Account, Region: r.Region, Resource: zone}
				used, ok1 := number(qm["UsedQuota"])
				total, ok2 := number(qm["TotalQuota"])
				if !ok1 || !ok2 || total <= 0 {
					c.Status, c.Detail = Unknown, "the zone's instance quota has no usable UsedQuota / TotalQuota"
					out = append(out, c)
					continue
				}
				k := ev.MultiplierFor("cvm", "")
				need := used + (k-1)*float64(n)
				pct := need / total * 100
				c.Status = grade(pct)
				c.Detail = fmt.Sprintf("scaling the %d in-scope instances %s× needs %s of %s pay-as-you-go instances (%.0f %%)", n, trim(k), trim(math.Ceil(need)), trim(total), pct)
				c.Evidence = map[string]any{"used": used, "quota": total, "in_scope": n, "multiplier": k, "needed": math.Ceil(need), "requested_limit": math.Ceil(need / (warnAt / 100))}
				out = append(out, c)
			}
		case "clb.quota", "vpc.address_quota":
			set, _ := d["QuotaSet"].([]any)
			for _, q := range set {
				qm, _ := q.(map[string]any)
				id, _ := qm["QuotaId"].(string)
				if id != "TOTAL_OPEN_CLB_QUOTA" && id != "TOTAL_INTERNAL_CLB_QUOTA" && id != "TOTAL_EIP_QUOTA" {
					continue
				}
				cur, ok1 := number(qm["QuotaCurrent"])
				lim, ok2 := number(qm["QuotaLimit"])
				c := Check{ID: "capacity/" + strings.ToLower(id) + "/" + r.Account + "/" + r.Region, Class: "capacity", Kind: strings.ToLower(id),
					Account: r.Account, Region: r.Region}
				if !ok1 || !ok2 || lim <= 0 {
					c.Status, c.Detail = Unknown, id+" has no usable QuotaCurrent / QuotaLimit"
				} else {
					pct := cur / lim * 100
					c.Status = grade(pct)
					c.Detail = fmt.Sprintf("%s: %s of %s used (%.0f %%)", id, trim(cur), trim(lim), pct)
					c.Evidence = map[string]any{"used": cur, "quota": lim}
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// availability finds single points of failure: a CLB without a backup zone, a database without
// a standby in another zone, a MongoDB instance whose last backup is older than a day.
func availability(ev *Event, r inventory.Resource, now time.Time) []Check {
	d := object(r.Data)
	c := Check{Class: "availability", Account: r.Account, Region: r.Region, Resource: r.ID, Name: r.Name}
	id := func(kind string) string {
		return "availability/" + kind + "/" + r.Account + "/" + r.Region + "/" + r.ID
	}
	switch r.Type {
	case "clb.load_balancer":
		c.ID, c.Kind = id("clb_backup_zone"), "clb_backup_zone"
		zones, ok := d["BackupZoneSet"].([]any)
		switch {
		case !ok:
			c.Status, c.Detail = Unknown, "BackupZoneSet was not returned (null): whether the CLB can fail over to another zone is unknown"
		case len(zones) == 0:
			c.Status, c.Detail = Warn, "no backup zone: a zone failure takes the load balancer down"
		default:
			c.Status, c.Detail = Pass, fmt.Sprintf("%d backup zone(s)", len(zones))
		}
	case "cdb.instance":
		if t, _ := number(d["InstanceType"]); t != 1 {
			return nil // read-only and disaster-recovery instances follow their master
		}
		c.ID, c.Kind = id("cdb_standby"), "cdb_standby"
		zone, _ := d["Zone"].(string)
		standby, hasStandby := field(d, "SlaveInfo.First.Zone")
		nodes, _ := number(d["InstanceNodes"])
		switch {
		case d["DeviceType"] == "BASIC" || nodes == 1:
			c.Status, c.Detail = Fail, "a single-node instance: no standby to fail over to"
		case !hasStandby:
			c.Status, c.Detail = Unknown, "SlaveInfo was not returned: the standby's zone is unknown"
		case standby == zone:
			c.Status, c.Detail = Warn, fmt.Sprintf("the standby is in the same zone (%s): a zone failure takes both", zone)
		default:
			c.Status, c.Detail = Pass, fmt.Sprintf("standby in %v, master in %s", standby, zone)
		}
	case "mongodb.instance":
		c.ID, c.Kind = id("mongodb_backup"), "mongodb_backup"
		raw, ok := r.Related["backups"]
		if !ok {
			c.Status, c.Detail = Unknown, "the backup list could not be read"
			break
		}
		var backups []map[string]any
		if err := json.Unmarshal(raw, &backups); err != nil {
			c.Status, c.Detail = Unknown, "the backup list is not a list"
			break
		}
		var last time.Time
		for _, b := range backups {
			if st, _ := number(b["Status"]); st != 2 {
				continue
			}
			if end, _ := b["EndTime"].(string); end != "" {
				if t, err := time.ParseInLocation(time.DateTime, end, chinaTime); err == nil && t.After(last) {
					last = t
				}
			}
		}
		switch {
		case last.IsZero():
			c.Status, c.Detail = Fail, "no successful backup"
		case now.Sub(last) > 24*time.Hour:
			c.Status, c.Detail = Warn, fmt.Sprintf("the last successful backup ended %s, more than 24 hours ago: take one before the event", last.Format(time.DateTime))
		default:
			c.Status, c.Detail = Pass, "last successful backup "+last.Format(time.DateTime)
		}
	default:
		return nil
	}
	return []Check{c}
}

// singleInstances judges each critical service: one CVM instance is a single point of failure,
// instances all in one zone share one.
func singleInstances(ev *Event, scoped []inventory.Resource) []Check {
	var out []Check
	for _, s := range ev.Critical {
		zones := map[string]bool{}
		n := 0
		for _, r := range scoped {
			if r.Type != "cvm.instance" || !(contains(s.Resources, r.ID) || len(s.Tags) > 0 && hasTags(r.Tags, s.Tags)) {
				continue
			}
			n++
			zones[r.Zone] = true
		}
		c := Check{ID: "availability/service/" + s.Name, Class: "availability", Kind: "service_instances", Name: s.Name, Owner: s.Owner}
		switch {
		case n == 0:
			c.Status, c.Detail = Unknown, "no CVM instance of this service was found in scope"
		case n == 1:
			c.Status, c.Detail = Fail, "one instance: a single point of failure (scaling groups are not read by this version)"
		case len(zones) == 1:
			c.Status, c.Detail = Warn, fmt.Sprintf("%d instances, all in one zone", n)
		default:
			c.Status, c.Detail = Pass, fmt.Sprintf("%d instances in %d zones", n, len(zones))
		}
		out = append(out, c)
	}
	return out
}

// protection lists the open HIGH security findings in scope: each must be fixed or accepted
// before the event.
func protection(ev *Event, findings []result.Finding, scoped []inventory.Resource) []Check {
	in := map[string]bool{}
	for _, r := range scoped {
		in[r.Account+"/"+r.Region+"/"+r.ID] = true
	}
	var out []Check
	for _, f := range findings {
		if f.Status != result.Fail || f.Pillar != "security" || f.Severity != "high" {
			continue
		}
		if !in[f.Account+"/"+f.Region+"/"+f.ResourceID] && !(f.Region == "" && (len(ev.Scope.Accounts) == 0 || contains(ev.Scope.Accounts, f.Account))) {
			continue
		}
		out = append(out, Check{ID: "protection/" + f.RuleID + "/" + f.ID, Class: "protection", Kind: f.RuleID,
			Account: f.Account, Region: f.Region, Resource: f.ResourceID, Name: f.ResourceName, Status: Fail,
			Detail: f.RuleID + ": " + f.Message})
	}
	return out
}

// chinaTime is UTC+8, the zone of the database and certificate APIs' timestamps.
var chinaTime = time.FixedZone("CST", 8*3600)

// expiring is how prepaid resources of each type say when they end and whether they renew.
var expiring = map[string]struct {
	prepaid             func(map[string]any) bool
	deadline, layout    string
	renewField, renewOn string
}{
	"cvm.instance":     {func(d map[string]any) bool { return d["InstanceChargeType"] == "PREPAID" }, "ExpiredTime", time.RFC3339, "RenewFlag", "NOTIFY_AND_AUTO_RENEW"},
	"cbs.disk":         {func(d map[string]any) bool { return d["DiskChargeType"] == "PREPAID" }, "DeadlineTime", time.DateTime, "RenewFlag", "NOTIFY_AND_AUTO_RENEW"},
	"cdb.instance":     {func(d map[string]any) bool { v, _ := number(d["PayType"]); return d["PayType"] != nil && v == 0 }, "DeadlineTime", time.DateTime, "AutoRenew", "1"},
	"redis.instance":   {func(d map[string]any) bool { v, _ := number(d["BillingMode"]); return v == 1 }, "DeadlineTime", time.DateTime, "AutoRenewFlag", "1"},
	"mongodb.instance": {func(d map[string]any) bool { v, _ := number(d["PayMode"]); return v == 1 }, "DeadLine", time.DateTime, "AutoRenewFlag", "1"},
	"ssl.certificate":  {func(map[string]any) bool { return true }, "CertEndTime", time.DateTime, "AutoRenewFlag", "1"},
}

// expiry fails a prepaid resource or certificate that ends before the window's end + 7 days
// without auto-renewal.
func expiry(ev *Event, r inventory.Resource) []Check {
	e, ok := expiring[r.Type]
	if !ok {
		return nil
	}
	d := object(r.Data)
	if d == nil || !e.prepaid(d) {
		return nil
	}
	c := Check{ID: "expiry/" + r.Type + "/" + r.Account + "/" + r.Region + "/" + r.ID, Class: "expiry", Kind: r.Type,
		Account: r.Account, Region: r.Region, Resource: r.ID, Name: r.Name}
	raw, _ := d[e.deadline].(string)
	if strings.HasPrefix(raw, "0000-00-00") {
		return nil // no deadline: not prepaid after all
	}
	loc := chinaTime
	at, err := time.ParseInLocation(e.layout, raw, loc)
	if err != nil {
		c.Status, c.Detail = Unknown, fmt.Sprintf("%s %q is not a time", e.deadline, raw)
		return []Check{c}
	}
	horizon := ev.End.Add(7 * 24 * time.Hour)
	renew := fmt.Sprint(d[e.renewField])
	if f, ok := d[e.renewField].(float64); ok {
		renew = trim(f)
	}
	c.Evidence = map[string]any{e.deadline: raw, e.renewField: d[e.renewField]}
	switch {
	case at.After(horizon):
		c.Status, c.Detail = Pass, "ends "+raw+", after the event"
	case renew == e.renewOn:
		c.Status, c.Detail = Warn, "ends "+raw+" during or just after the event; auto-renewal is on (make sure the balance covers it)"
	default:
		c.Status, c.Detail = Fail, "ends "+raw+", before the event's end + 7 days, and does not renew automatically: renew it now"
	}
	return []Check{c}
}

// maintenance warns when a database's daily maintenance window falls inside the event: Tencent
// may restart or switch the instance then. MongoDB returns its window with the instance;
// the other products' windows are not read by this version.
func maintenance(ev *Event, r inventory.Resource) []Check {
	if r.Type != "mongodb.instance" {
		return nil
	}
	d := object(r.Data)
	c := Check{ID: "changes/mongodb_maintenance/" + r.Account + "/" + r.Region + "/" + r.ID, Class: "changes", Kind: "mongodb_maintenance",
		Account: r.Account, Region: r.Region, Resource: r.ID, Name: r.Name}
	from, _ := d["MaintenanceStart"].(string)
	to, _ := d["MaintenanceEnd"].(string)
	start, err1 := time.Parse("15:04", from)
	end, err2 := time.Parse("15:04", to)
	if err1 != nil || err2 != nil {
		c.Status, c.Detail = Unknown, fmt.Sprintf("the maintenance window %q–%q is not readable", from, to)
		return []Check{c}
	}
	// Walk the event's days: a window that starts inside the event overlaps it.
	for day := dayIn(ev.Start, chinaTime); day.Before(ev.End); day = day.AddDate(0, 0, 1) {
		ws := day.Add(time.Duration(start.Hour())*time.Hour + time.Duration(start.Minute())*time.Minute)
		we := day.Add(time.Duration(end.Hour())*time.Hour + time.Duration(end.Minute())*time.Minute)
		if !we.After(ws) {
			we = we.AddDate(0, 0, 1)
		}
		if ws.Before(ev.End) && we.After(ev.Start) {
			c.Status = Warn
			c.Detail = fmt.Sprintf("the daily maintenance window %s–%s (UTC+8) falls inside the event on %s: move it out of the event window", from, to, ws.Format(time.DateOnly))
			return []Check{c}
		}
	}
	c.Status, c.Detail = Pass, fmt.Sprintf("the daily maintenance window %s–%s (UTC+8) is outside the event", from, to)
	return []Check{c}
}
