package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/tsa-scanner/tsa/result"
)

// --- 1. executive summary ---

func (d *pdfDoc) summary() {
	f, c, s := d.f, d.c, d.m.Summary
	y := f.GetY()
	// The score gauge: a ring whose arc is the score, in the band's colour.
	cx, cy, r := marginX+28, y+27, 20.0
	f.SetLineCapStyle("butt")
	f.SetLineWidth(6)
	d.draw(colZebra)
	f.Arc(cx, cy, r, r, 0, -30, 210, "D")
	if s.Band != result.NotAssessed {
		d.draw(bandRGB(s.Band))
		f.Arc(cx, cy, r, r, 0, 210-240*s.Score/100, 210, "D")
	}
	f.SetLineWidth(0.2)
	d.font(22)
	d.colour(colInk)
	d.bold(true)
	d.text(cx-20, cy-8, 40, 10, scoreText(s.Score, s.Band), "CM")
	d.bold(false)
	d.font(8.5)
	d.colour(bandRGB(s.Band))
	d.text(cx-22, cy+2, 44, 5, c.T("band."+s.Band), "CM")
	d.colour(colGrey)
	delta := c.T("sum.first")
	if s.Delta != nil && s.Previous != nil {
		delta = c.T("sum.delta", signed(*s.Delta), s.Previous.StartedAt.In(d.loc()).Format("2006-01"))
	}
	d.text(cx-26, cy+14, 52, 5, delta, "CM")
	if s.Upper > s.Score {
		d.text(cx-30, cy+19, 60, 5, c.T("sum.range", scoreText(s.Score, s.Band), scoreText(s.Upper, s.Band)), "CM")
	}

	// Pillar bars with coverage.
	x0, w := marginX+62, contentW-62
	d.font(10)
	d.colour(colNavy)
	d.bold(true)
	d.text(x0, y, w, 6, c.T("sum.pillars"), "LM")
	d.bold(false)
	for i, p := range s.Pillars {
		py := y + 8 + float64(i)*9
		d.font(9)
		d.colour(colInk)
		d.text(x0, py, 26, 6, c.T("pillar."+p.Pillar), "LM")
		bx, bw := x0+27, w-27-44
		d.fill(colZebra)
		f.Rect(bx, py+1.2, bw, 3.6, "F")
		if p.Band != result.NotAssessed {
			d.fill(bandRGB(p.Band))
			f.Rect(bx, py+1.2, bw*p.Score/100, 3.6, "F")
		}
		d.font(9)
		d.bold(true)
		d.text(bx+bw+1, py, 12, 6, scoreText(p.Score, p.Band), "RM")
		d.bold(false)
		d.font(7.5)
		d.colour(colGrey)
		cov := c.T("sum.coverage", p.Coverage)
		if p.Partial {
			cov += " · " + c.T("partial")
			d.colour(colUnknown)
		}
		if p.Delta != nil && *p.Delta != 0 {
			cov = signed(*p.Delta) + " · " + cov
		}
		d.text(bx+bw+14, py, 30, 6, cov, "LM")
	}
	f.SetY(y + 58)

	// KPI tiles.
	d.heading(c.T("sum.kpi"))
	tiles := []struct {
		key string
		n   int
		col rgb
	}{
		{"kpi.open_high", s.KPI.OpenHigh, colRed}, {"kpi.open_medium", s.KPI.OpenMedium, colAmber},
		{"kpi.new", s.KPI.New, colBlue}, {"kpi.resolved", s.KPI.Resolved, colGreen},
		{"kpi.overdue", s.KPI.Overdue, colRed}, {"kpi.quota", s.KPI.QuotaHot, colAmber}, {"kpi.expiring", s.KPI.Expiring30, colAmber},
	}
	ty := f.GetY()
	tw := (contentW - 6*2.5) / 7
	for i, t := range tiles {
		tx := marginX + float64(i)*(tw+2.5)
		d.fill(colLight)
		f.RoundedRect(tx, ty, tw, 19, 2, "1234", "F")
		d.fill(t.col)
		f.Rect(tx, ty+3, 1.2, 13, "F")
		d.font(17)
		d.colour(colInk)
		if t.n > 0 {
			d.colour(t.col)
		}
		d.bold(true)
		d.text(tx+2, ty+1.5, tw-3, 9, strconv.Itoa(t.n), "CM")
		d.bold(false)
		d.font(7)
		d.colour(colGrey)
		d.block(tx+1.5, ty+11, tw-2.5, 3.2, c.T(t.key), "C")
	}
	f.SetY(ty + 23)

	// Top five risks, one line each.
	d.heading(c.T("sum.top"))
	if len(s.TopRisks) == 0 {
		d.para(c.T("rk.none"), 9.5, colInk)
	}
	for _, r := range s.TopRisks {
		ry := f.GetY()
		d.font(8)
		d.fill(sevRGB(r.Severity))
		f.RoundedRect(marginX, ry+0.8, 11, 4.4, 1.2, "1234", "F")
		d.colour(colWhite)
		d.text(marginX, ry, 11, 6, c.T("sev."+r.Severity), "CM")
		d.font(9)
		d.colour(colInk)
		line := fmt.Sprintf("%s  %s", r.RuleID, r.Title)
		d.text(marginX+13, ry, contentW-50, 6, truncate(d.f, line, contentW-52), "LM")
		d.colour(colGrey)
		d.text(pageW-marginX-37, ry, 37, 6, c.T("sum.affected", r.Affected, r.Assessed)+" · +"+strconv.FormatFloat(r.Gain, 'f', 2, 64), "RM")
		f.SetY(ry + 6.5)
	}
	f.Ln(2)

	// Narrative.
	d.heading(c.T("sum.narrative"))
	y = f.GetY()
	d.font(9.5)
	lines := d.wrap(s.Narrative, contentW-8)
	h := float64(len(lines))*5 + 6
	if s.ByTAM {
		h += 6
	}
	d.fill(colLight)
	f.Rect(marginX, y, contentW, h, "F")
	d.fill(colBlue)
	f.Rect(marginX, y, 1.2, h, "F")
	d.colour(colInk)
	d.block(marginX+4, y+3, contentW-8, 5, s.Narrative, "L")
	d.font(8)
	d.colour(colGrey)
	if s.ByTAM {
		d.text(marginX+4, f.GetY()+0.5, contentW-8, 5, c.T("sum.by_tam", d.m.TAM), "RM")
	}
	f.SetY(y + h + 3)
}

func signed(v float64) string {
	if v > 0 {
		return fmt.Sprintf("+%.1f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// truncate shortens s to fit w, with an ellipsis.
func truncate(f *fpdf.Fpdf, s string, w float64) string {
	s = drawable(s)
	if f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// --- 2. account overview ---

func (d *pdfDoc) overview() {
	c, o := d.c, d.m.Overview
	d.heading(c.T("ov.accounts"))
	var rows [][]string
	for _, a := range d.m.Accounts {
		state := c.T("ov.scanned")
		if a.Error != "" {
			state = c.T("ov.not_entered", a.Error)
		}
		rows = append(rows, []string{a.UIN, a.Name, c.T("plan." + a.Plan), strings.Join(a.Regions, ", "), state})
	}
	d.table([]column{{c.T("ov.uin"), 26, "L"}, {c.T("ov.name"), 52, "L"}, {c.T("ov.plan"), 20, "L"}, {c.T("ov.regions"), 54, "L"}, {c.T("ov.state"), 26, "L"}}, rows,
		func(r, col int) cellStyle {
			if col == 4 && d.m.Accounts[r].Error != "" {
				return cellStyle{text: &colRed}
			}
			return cellStyle{}
		})

	d.heading(c.T("ov.inventory", o.Resources))
	cols := []column{{c.T("ov.product"), 24, "L"}}
	regionW := math.Min(30, (contentW-24-16)/math.Max(float64(len(o.Regions)), 1))
	for _, r := range o.Regions {
		cols = append(cols, column{d.region(r), regionW, "R"})
	}
	cols = append(cols, column{c.T("ov.total"), 16, "R"})
	rows = nil
	totals := make([]int, len(o.Regions))
	for _, p := range o.Products {
		row := []string{strings.ToUpper(p)}
		sum := 0
		for i, n := range o.Inventory[p] {
			row = append(row, dash(n))
			sum += n
			totals[i] += n
		}
		rows = append(rows, append(row, strconv.Itoa(sum)))
	}
	row := []string{c.T("ov.total")}
	for _, n := range totals {
		row = append(row, strconv.Itoa(n))
	}
	rows = append(rows, append(row, strconv.Itoa(o.Resources)))
	d.table(cols, rows, func(r, col int) cellStyle {
		if r == len(rows)-1 || col == len(cols)-1 {
			return cellStyle{text: &colNavy}
		}
		return cellStyle{}
	})

	cov := o.Coverage
	pct := 0.0
	if cov.Planned > 0 {
		pct = 100 * float64(cov.OK) / float64(cov.Planned)
	}
	d.heading(c.T("ov.coverage", cov.OK, cov.Planned, pct))
	// Coverage per product, as bars.
	y := d.f.GetY()
	colW := contentW / 3
	for i, p := range cov.Products {
		x := marginX + float64(i%3)*colW
		py := y + float64(i/3)*6
		d.font(8)
		d.colour(colInk)
		d.text(x, py, 24, 5, strings.ToUpper(p.Product), "LM")
		col := colGreen
		if p.Percent < 100 {
			col = colUnknown
		}
		d.percentBar(x+24, py, colW-28, 5, math.Max(p.Percent, 0.01), fmt.Sprintf("%.0f%%", p.Percent), &col)
	}
	d.f.SetY(y + float64((len(cov.Products)+2)/3)*6 + 3)
	d.heading(c.T("ov.unread"))
	if len(cov.Failures) == 0 {
		d.para(c.T("ov.all_read"), 9.5, colInk)
		return
	}
	rows = nil
	for _, f := range cov.Failures {
		rows = append(rows, []string{f.Account, d.region(f.Region), f.Action, f.Code + " " + f.Message, f.Grant})
	}
	d.table([]column{{c.T("ov.account"), 26, "L"}, {c.T("ov.region"), 24, "L"}, {c.T("ov.action"), 44, "L"}, {c.T("ov.error"), 54, "L"}, {c.T("ov.grant"), 30, "L"}}, rows,
		func(r, col int) cellStyle {
			if col == 3 {
				return cellStyle{text: &colUnknown}
			}
			return cellStyle{}
		})
}

func dash(n int) string {
	if n == 0 {
		return "–"
	}
	return strconv.Itoa(n)
}

// --- 3. trend ---

func (d *pdfDoc) trend() {
	f, c, t := d.f, d.c, d.m.Trend
	d.heading(c.T("tr.score"))
	y := f.GetY()
	h := 52.0
	x0, w := marginX+10, contentW-12
	// Band backgrounds: red ≤ 60, orange 61–84, green ≥ 85.
	yOf := func(v float64) float64 { return y + h - h*v/100 }
	for _, b := range []struct {
		lo, hi float64
		col    rgb
	}{{0, 60, rgb{0xFD, 0xEC, 0xEC}}, {60, 85, rgb{0xFE, 0xF5, 0xE6}}, {85, 100, rgb{0xEA, 0xF7, 0xEE}}} {
		d.fill(b.col)
		f.Rect(x0, yOf(b.hi), w, yOf(b.lo)-yOf(b.hi), "F")
	}
	d.draw(colRule)
	f.SetLineWidth(0.15)
	d.font(7)
	d.colour(colGrey)
	for _, v := range []float64{0, 20, 40, 60, 85, 100} {
		f.Line(x0, yOf(v), x0+w, yOf(v))
		d.text(marginX, yOf(v)-2, 9, 4, strconv.Itoa(int(v)), "RM")
	}
	n := len(t.Months)
	step := w / float64(max(n, 1))
	px, py := -1.0, -1.0
	for i, p := range t.Months {
		cx := x0 + step*(float64(i)+0.5)
		d.colour(colGrey)
		d.font(7)
		d.text(cx-step/2, y+h+1, step, 4, p.Month[2:], "CM")
		if p.Score == nil {
			px = -1
			d.text(cx-step/2, y+h-6, step, 4, c.T("tr.noscan"), "CM")
			continue
		}
		cy := yOf(*p.Score)
		if px >= 0 {
			d.draw(colBlue)
			f.SetLineWidth(0.7)
			f.Line(px, py, cx, cy)
		}
		px, py = cx, cy
	}
	for i, p := range t.Months {
		if p.Score == nil {
			continue
		}
		cx := x0 + step*(float64(i)+0.5)
		cy := yOf(*p.Score)
		d.fill(colWhite)
		d.draw(bandRGB(p.Band))
		f.SetLineWidth(0.6)
		f.Circle(cx, cy, 1.3, "FD")
		d.font(7.5)
		d.colour(colInk)
		d.text(cx-8, cy-6, 16, 4, fmt.Sprintf("%.1f", *p.Score), "CM")
	}
	f.SetY(y + h + 8)

	// Raised and resolved per month, grouped bars.
	d.heading(c.T("tr.flow"))
	y = f.GetY()
	h = 36
	top := 1
	for _, p := range t.Months {
		top = max(top, p.Raised, p.Resolved)
	}
	scale := niceCeil(float64(top))
	d.draw(colRule)
	f.SetLineWidth(0.15)
	d.font(7)
	for i := 0; i <= 4; i++ {
		v := scale * float64(i) / 4
		gy := y + h - h*float64(i)/4
		f.Line(x0, gy, x0+w, gy)
		d.colour(colGrey)
		d.text(marginX, gy-2, 9, 4, strconv.FormatFloat(v, 'f', -1, 64), "RM")
	}
	for i, p := range t.Months {
		cx := x0 + step*float64(i)
		bw := math.Min(step*0.32, 7)
		for j, v := range []int{p.Raised, p.Resolved} {
			col := colRed
			if j == 1 {
				col = colGreen
			}
			bh := h * float64(v) / scale
			bx := cx + step/2 - bw + float64(j)*bw
			d.fill(col)
			f.Rect(bx, y+h-bh, bw-0.4, bh, "F")
			if v > 0 {
				d.font(6.5)
				d.colour(colInk)
				d.text(bx-2, y+h-bh-4, bw+3.6, 4, strconv.Itoa(v), "CM")
			}
		}
		d.font(7)
		d.colour(colGrey)
		d.text(cx, y+h+1, step, 4, p.Month[2:], "CM")
	}
	d.legend(x0, y+h+6, []string{c.T("tr.raised"), c.T("tr.resolved")}, []rgb{colRed, colGreen})
	f.SetY(y + h + 13)

	// Ageing, stacked bars by pillar, and a table by product.
	d.heading(c.T("tr.ageing") + " · " + c.T("tr.by_pillar"))
	d.ageBars(t.AgeingByPillar, func(k string) string { return c.T("pillar." + k) })
	d.heading(c.T("tr.ageing") + " · " + c.T("tr.by_product"))
	var rows [][]string
	for _, a := range t.AgeingByProduct {
		rows = append(rows, []string{strings.ToUpper(a.Key), dash(a.D30), dash(a.D90), dash(a.Over90), strconv.Itoa(a.D30 + a.D90 + a.Over90)})
	}
	d.table([]column{{c.T("ov.product"), 50, "L"}, {c.T("tr.d30"), 32, "R"}, {c.T("tr.d90"), 32, "R"}, {c.T("tr.over90"), 32, "R"}, {c.T("ov.total"), 32, "R"}}, rows, nil)
}

// niceCeil rounds up to 1, 2 or 5 times a power of ten, so axes have round ticks.
func niceCeil(v float64) float64 {
	if v <= 4 {
		return 4
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 4, 5, 8, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

func (d *pdfDoc) legend(x, y float64, labels []string, cols []rgb) {
	for i, l := range labels {
		d.fill(cols[i])
		d.f.Rect(x, y+1, 3, 3, "F")
		d.font(7.5)
		d.colour(colInk)
		w := d.f.GetStringWidth(drawable(l)) + 4
		d.text(x+3.5, y, w, 5, l, "LM")
		x += w + 8
	}
}

func (d *pdfDoc) ageBars(rows []AgeRow, label func(string) string) {
	f := d.f
	top := 1
	for _, r := range rows {
		top = max(top, r.D30+r.D90+r.Over90)
	}
	cols := []rgb{rgb{0x93, 0xC5, 0xFD}, colAmber, colRed}
	y := f.GetY()
	x0, w := marginX+30, contentW-42
	for i, r := range rows {
		ry := y + float64(i)*7
		d.font(8.5)
		d.colour(colInk)
		d.text(marginX, ry, 29, 6, label(r.Key), "LM")
		x := x0
		for j, v := range []int{r.D30, r.D90, r.Over90} {
			bw := w * float64(v) / float64(top)
			d.fill(cols[j])
			f.Rect(x, ry+1, bw, 4, "F")
			if v > 0 && bw > 5 {
				d.font(6.5)
				d.colour(colInk)
				if j == 2 {
					d.colour(colWhite)
				}
				d.text(x, ry+0.5, bw, 5, strconv.Itoa(v), "CM")
			}
			x += bw
		}
		d.font(8)
		d.colour(colGrey)
		d.text(x+1, ry, 12, 6, strconv.Itoa(r.D30+r.D90+r.Over90), "LM")
	}
	f.SetY(y + float64(len(rows))*7 + 1)
	d.legend(x0, f.GetY(), []string{d.c.T("tr.d30"), d.c.T("tr.d90"), d.c.T("tr.over90")}, cols)
	f.SetY(f.GetY() + 8)
}

// --- 4. top risks ---

func (d *pdfDoc) risks() {
	c := d.c
	d.para(c.T("rk.intro"), 9, colGrey)
	if len(d.m.TopRisks) == 0 {
		d.para(c.T("rk.none"), 9.5, colInk)
		return
	}
	var rows [][]string
	for _, r := range d.m.TopRisks {
		rows = append(rows, []string{c.T("sev." + r.Severity), r.RuleID + "\n" + r.Title + "\n" + c.T("pillar."+r.Pillar),
			fmt.Sprintf("%d / %d", r.Affected, r.Assessed), "+" + strconv.FormatFloat(r.Gain, 'f', 2, 64),
			r.Action + "\n" + r.Console})
	}
	d.table([]column{{c.T("rk.sev"), 16, "L"}, {c.T("rk.risk"), 50, "L"}, {c.T("rk.affected"), 20, "R"}, {c.T("rk.gain"), 16, "R"}, {c.T("rk.action"), 76, "L"}}, rows,
		func(r, col int) cellStyle {
			if col == 0 {
				cl := sevRGB(d.m.TopRisks[r].Severity)
				return cellStyle{pill: &cl}
			}
			return cellStyle{}
		})
}

// --- 5. recommendations ---

func (d *pdfDoc) recommendations() {
	c := d.c
	d.para(c.T("rec.intro"), 9, colGrey)
	if len(d.m.Recommendations) == 0 {
		d.para(c.T("none"), 9.5, colInk)
		return
	}
	var rows [][]string
	for _, r := range d.m.Recommendations {
		src := c.T("rec.builtin")
		if r.Curated {
			src = c.T("rec.curated")
		}
		links := strings.Join(append(append([]string{}, r.Rules...), r.Findings...), "\n")
		owner := r.Owner
		if r.Due != "" {
			owner = strings.TrimSpace(owner + "\n" + r.Due)
		}
		rows = append(rows, []string{c.T("sev." + r.Priority), r.Title + "\n" + r.Rationale, links, c.T("status." + r.Status), owner, src})
	}
	d.table([]column{{c.T("rec.priority"), 16, "L"}, {c.T("rec.title"), 76, "L"}, {c.T("rec.links"), 36, "L"}, {c.T("rec.status"), 16, "L"}, {c.T("rec.owner") + " / " + c.T("rec.due"), 22, "L"}, {c.T("rec.source"), 12, "L"}}, rows,
		func(r, col int) cellStyle {
			if col == 0 {
				cl := sevRGB(d.m.Recommendations[r].Priority)
				return cellStyle{pill: &cl}
			}
			return cellStyle{}
		})
}

// --- 6. remediation ---

func (d *pdfDoc) remediation() {
	c, rm := d.c, d.m.Remediation
	d.para(c.T("rm.policy", rm.DueDays["high"], rm.DueDays["medium"], rm.DueDays["low"]), 9.5, colInk)
	if rm.ResolvedRatio != nil {
		d.para(c.T("rm.ratio", rm.Resolved, rm.Raised, fmt.Sprintf("%.0f%%", *rm.ResolvedRatio*100)), 9.5, colInk)
	} else {
		d.para(c.T("rm.noraised", rm.Resolved), 9.5, colInk)
	}
	d.heading(c.T("rm.mttr"))
	var rows [][]string
	for _, m := range rm.MTTR {
		days := "–"
		if m.Days != nil {
			days = c.T("rm.days", *m.Days)
		}
		rows = append(rows, []string{c.T("pillar." + m.Pillar), strconv.Itoa(m.Resolved), days})
	}
	d.table([]column{{c.T("rm.pillar"), 60, "L"}, {c.T("rm.count"), 40, "R"}, {c.T("rm.mttr"), 50, "R"}}, rows, nil)
	d.heading(c.T("rm.overdue", rm.OverdueTotal))
	if rm.OverdueTotal == 0 {
		d.para(c.T("rm.none"), 9.5, colInk)
		return
	}
	const shown = 40
	rows = nil
	for i, o := range rm.Overdue {
		if i == shown {
			break
		}
		rows = append(rows, []string{c.T("sev." + o.Severity), o.RuleID + " " + o.Title, o.Account + "\n" + o.Resource, d.day(o.FirstSeen), d.day(o.Due), strconv.Itoa(o.DaysLate)})
	}
	d.table([]column{{c.T("rk.sev"), 16, "L"}, {c.T("rk.risk"), 58, "L"}, {c.T("rm.resource"), 46, "L"}, {c.T("rm.first"), 22, "L"}, {c.T("rec.due"), 22, "L"}, {c.T("rm.late"), 14, "R"}}, rows,
		func(r, col int) cellStyle {
			if col == 0 {
				cl := sevRGB(rm.Overdue[r].Severity)
				return cellStyle{pill: &cl}
			}
			if col == 5 {
				return cellStyle{text: &colRed}
			}
			return cellStyle{}
		})
	if len(rm.Overdue) > shown {
		d.para(c.T("rm.more", len(rm.Overdue)-shown), 9, colGrey)
	}
}

// --- 7. limits ---

func (d *pdfDoc) limits() {
	c, l := d.c, d.m.Limits
	d.para(c.T("lm.legend"), 9, colGrey)
	if len(l.Rows) == 0 && l.Hidden == 0 {
		d.para(c.T("lm.none"), 9.5, colInk)
		return
	}
	var rows [][]string
	for _, q := range l.Rows {
		used, pct := "–", "–"
		if q.State != "unknown" {
			used = fmt.Sprintf("%g / %g", q.Used, q.Limit)
			pct = fmt.Sprintf("%.0f%%", q.Percent)
		} else if q.Reason != "" {
			used = q.Reason
		}
		rows = append(rows, []string{q.Account + "\n" + d.region(q.Region), q.Name, used, pct, "", c.T("limit." + q.State)})
	}
	d.table([]column{{c.T("ov.account"), 34, "L"}, {c.T("lm.name"), 48, "L"}, {c.T("lm.used"), 24, "R"}, {c.T("lm.pct"), 36, "L"}, {c.T("lm.trend"), 20, "L"}, {c.T("lm.state"), 16, "L"}}, rows,
		func(r, col int) cellStyle {
			q := l.Rows[r]
			col2 := map[string]rgb{"ok": colGreen, "amber": colAmber, "red": colRed, "unknown": colUnknown}[q.State]
			switch col {
			case 3:
				if q.State != "unknown" {
					return cellStyle{bar: math.Max(q.Percent, 0.01), text: &col2}
				}
				return cellStyle{text: &colUnknown}
			case 4:
				return cellStyle{line: append(append([]float64{}, q.Trend...), q.Percent)}
			case 5:
				return cellStyle{pill: &col2}
			}
			return cellStyle{}
		})
	if l.Hidden > 0 {
		d.para(c.T("lm.hidden", l.Hidden), 9, colGrey)
	}
}

// --- 8. expiring and changes ---

func (d *pdfDoc) expiring() {
	c := d.c
	d.heading(c.T("ex.title"))
	var w7, w30, w60 int
	for _, e := range d.m.Expiring {
		switch {
		case e.Days <= 7:
			w7++
		case e.Days <= 30:
			w30++
		default:
			w60++
		}
	}
	if len(d.m.Expiring) == 0 {
		d.para(c.T("ex.none"), 9.5, colInk)
	} else {
		d.para(c.T("ex.buckets", w7, w7+w30, w7+w30+w60), 9.5, colInk)
		var rows [][]string
		for _, e := range d.m.Expiring {
			auto := c.T("no")
			if e.AutoRenew {
				auto = c.T("yes")
			}
			rows = append(rows, []string{e.Account + "\n" + d.region(e.Region), e.Type, e.ID + "\n" + e.Name, d.day(e.Expires), strconv.Itoa(e.Days), auto})
		}
		d.table([]column{{c.T("ov.account"), 32, "L"}, {c.T("ex.type"), 30, "L"}, {c.T("rm.resource"), 58, "L"}, {c.T("ex.expires"), 24, "L"}, {c.T("ex.days"), 16, "R"}, {c.T("ex.auto"), 18, "L"}}, rows,
			func(r, col int) cellStyle {
				e := d.m.Expiring[r]
				switch {
				case col == 4 && e.Days <= 7:
					return cellStyle{text: &colRed}
				case col == 4 && e.Days <= 30:
					return cellStyle{text: &colAmber}
				case col == 5 && !e.AutoRenew:
					return cellStyle{pill: &colRed}
				case col == 5:
					return cellStyle{pill: &colGreen}
				}
				return cellStyle{}
			})
	}
	ch := d.m.Changes
	d.heading(c.T("ch.title"))
	if ch.From == nil {
		d.para(c.T("ch.one"), 9.5, colInk)
		return
	}
	d.para(c.T("ch.between", ch.From.ID, d.when(ch.From.StartedAt), ch.To.ID, d.when(ch.To.StartedAt)), 9.5, colInk)
	if len(ch.ByType) == 0 {
		d.para(c.T("ch.none"), 9.5, colInk)
		return
	}
	var rows [][]string
	for _, t := range ch.ByType {
		rows = append(rows, []string{t.Type, plus(t.Added), minus(t.Removed)})
	}
	d.table([]column{{c.T("ex.type"), 70, "L"}, {c.T("ch.added"), 30, "R"}, {c.T("ch.removed"), 30, "R"}}, rows, func(r, col int) cellStyle {
		switch col {
		case 1:
			return cellStyle{text: &colGreen}
		case 2:
			return cellStyle{text: &colRed}
		}
		return cellStyle{}
	})
	rows = nil
	for _, it := range ch.Items {
		rows = append(rows, []string{c.T("ch." + it.Change), it.Type, it.ID + " " + it.Name, it.Account + " " + d.region(it.Region)})
	}
	d.table([]column{{c.T("ch.change"), 18, "L"}, {c.T("ex.type"), 36, "L"}, {c.T("rm.resource"), 80, "L"}, {c.T("ov.account"), 44, "L"}}, rows, func(r, col int) cellStyle {
		if col == 0 {
			cl := colGreen
			if ch.Items[r].Change == "removed" {
				cl = colRed
			}
			return cellStyle{pill: &cl}
		}
		return cellStyle{}
	})
	if ch.Omitted > 0 {
		d.para(c.T("ch.omitted", ch.Omitted), 9, colGrey)
	}
}

func plus(n int) string {
	if n == 0 {
		return "–"
	}
	return "+" + strconv.Itoa(n)
}

func minus(n int) string {
	if n == 0 {
		return "–"
	}
	return "−" + strconv.Itoa(n)
}

// --- 9. cost ---

func (d *pdfDoc) cost() {
	c, co := d.c, d.m.Cost
	d.para(c.T("co.intro"), 9, colGrey)
	if len(co.Rules) == 0 {
		d.para(c.T("co.none"), 9.5, colInk)
	} else {
		var rows [][]string
		for _, r := range co.Rules {
			rows = append(rows, []string{r.RuleID, r.Title, strconv.Itoa(r.Count), strings.Join(r.Resources, c.T("list.sep"))})
		}
		d.table([]column{{c.T("rk.rule"), 30, "L"}, {c.T("rk.risk"), 66, "L"}, {c.T("co.count"), 18, "R"}, {c.T("co.examples"), 64, "L"}}, rows, nil)
	}
	if co.BillingRead {
		d.para(c.T("co.billed"), 9.5, colInk)
		return
	}
	d.note(c.T("co.billing"))
}

// note draws a boxed remark in the unknown colour.
func (d *pdfDoc) note(s string) {
	f := d.f
	d.font(9)
	lines := d.wrap(s, contentW-8)
	h := float64(len(lines))*4.6 + 5
	d.space(h + 2)
	y := f.GetY()
	d.fill(colLight)
	f.Rect(marginX, y, contentW, h, "F")
	d.fill(colUnknown)
	f.Rect(marginX, y, 1.2, h, "F")
	d.colour(colInk)
	d.block(marginX+4, y+2.5, contentW-8, 4.6, s, "L")
	f.SetY(y + h + 3)
}

// --- 10–12. tickets, events, TAM tables ---

func (d *pdfDoc) tickets() {
	c, t := d.c, d.m.Tickets
	switch {
	case t == nil:
		d.note(c.T("tk.none"))
		return
	case len(t.Rows) == 0:
		d.para(c.T("tk.none.period"), 9.5, colInk)
		return
	}
	var rows [][]string
	for _, r := range t.Rows {
		rows = append(rows, []string{r.ID, r.Title, c.T("grade." + r.Severity), c.T("tkstate." + r.State), d.day(r.Opened)})
	}
	d.table([]column{{c.T("tk.id"), 14, "L"}, {c.T("tk.title"), 86, "L"}, {c.T("tk.severity"), 38, "L"}, {c.T("tk.state"), 18, "L"}, {c.T("tk.opened"), 22, "L"}}, rows, nil)
}

func (d *pdfDoc) events() {
	c, e := d.c, d.m.Events
	if e == nil || len(e.Audits) == 0 {
		d.note(c.T("ev.none"))
		if e != nil {
			d.para(c.T("ev.sessions", e.SessionsUsed, e.SessionsYear), 9.5, colInk)
		}
		return
	}
	d.para(c.T("ev.sessions", e.SessionsUsed, e.SessionsYear), 9.5, colInk)
	var rows [][]string
	for _, a := range e.Audits {
		rows = append(rows, []string{a.Name, d.day(a.Date), c.T("iem." + a.Result)})
	}
	d.table([]column{{c.T("ev.name"), 80, "L"}, {c.T("ev.date"), 30, "L"}, {c.T("ev.result"), 68, "L"}}, rows, nil)
}

func (d *pdfDoc) projects() {
	c := d.c
	for _, t := range []struct {
		key  string
		rows []NoteRow
	}{{"pj.requirements", d.m.Requirements}, {"pj.projects", d.m.Projects}, {"pj.optimisations", d.m.Optimisations}} {
		d.heading(c.T(t.key))
		if len(t.rows) == 0 {
			d.para(c.T("pj.none"), 9.5, colGrey)
			continue
		}
		var rows [][]string
		for _, r := range t.rows {
			progress := ""
			if r.Progress != nil {
				progress = fmt.Sprintf("%d%%", *r.Progress)
			}
			rows = append(rows, []string{r.Title, c.T("status." + r.Status), r.Owner, r.Due, progress, r.Note})
		}
		d.table([]column{{c.T("pj.title"), 52, "L"}, {c.T("rec.status"), 18, "L"}, {c.T("rec.owner"), 24, "L"}, {c.T("rec.due"), 22, "L"}, {c.T("pj.progress"), 26, "L"}, {c.T("pj.note"), 36, "L"}}, rows,
			func(r, col int) cellStyle {
				if col == 4 && t.rows[r].Progress != nil {
					return cellStyle{bar: math.Max(float64(*t.rows[r].Progress), 0.01)}
				}
				return cellStyle{}
			})
	}
}

// --- appendices ---

func (d *pdfDoc) details() {
	c := d.c
	d.section(c.T("sec.details"), 1, false)
	d.para(c.T("ap.details.intro", d.m.DetailsCap, d.m.DetailsTotal, d.csv), 9, colGrey)
	for _, r := range d.m.Details {
		d.space(30)
		y := d.f.GetY()
		d.font(8)
		cl := sevRGB(r.Severity)
		d.fill(cl)
		d.f.RoundedRect(marginX, y+1, 11, 4.6, 1.2, "1234", "F")
		d.colour(colWhite)
		d.text(marginX, y+0.8, 11, 5, c.T("sev."+r.Severity), "CM")
		d.font(10)
		d.colour(colNavy)
		d.bold(true)
		d.text(marginX+13, y, contentW-50, 6.5, truncate(d.f, r.RuleID+"  "+r.Title, contentW-52), "LM")
		d.bold(false)
		d.font(8)
		d.colour(colGrey)
		d.text(pageW-marginX-36, y, 36, 6.5, c.T("ap.showing", len(r.Findings), r.Total), "RM")
		d.f.SetY(y + 7)
		if r.Remediation != "" {
			d.para(c.T("ap.remediation")+": "+r.Remediation, 8.5, colGrey)
		}
		var rows [][]string
		for _, f := range r.Findings {
			rows = append(rows, []string{f.Account + "\n" + d.region(f.Region), f.ResourceID + "\n" + f.ResourceName, f.Message})
		}
		d.table([]column{{c.T("ov.account"), 30, "L"}, {c.T("rm.resource"), 46, "L"}, {c.T("ap.message"), 102, "L"}}, rows, nil)
	}
}

func (d *pdfDoc) waivers() {
	c, w := d.c, d.m.Waivers
	if !w.Known {
		d.note(c.T("wv.unknown", w.Waived))
		return
	}
	d.para(c.T("wv.summary", len(w.Rows), w.Waived, w.Soon, w.Expired), 9.5, colInk)
	if len(w.Rows) == 0 {
		return
	}
	var rows [][]string
	for _, x := range w.Rows {
		exp := c.T("wv.never")
		if x.Expires != nil {
			exp = x.Expires.UTC().Format(time.DateOnly) // as the waiver file writes it
		}
		rows = append(rows, []string{x.Rule + "\n" + x.Scope, x.Reason, x.Owner, exp + "\n" + c.T("wv."+x.State), strconv.Itoa(x.Covers), x.Source})
	}
	d.table([]column{{c.T("wv.rule") + " / " + c.T("wv.scope"), 38, "L"}, {c.T("wv.reason"), 50, "L"}, {c.T("wv.owner"), 22, "L"}, {c.T("wv.expires"), 22, "L"}, {c.T("wv.covers"), 12, "R"}, {"file:line", 34, "L"}}, rows,
		func(r, col int) cellStyle {
			if col != 3 {
				return cellStyle{}
			}
			switch w.Rows[r].State {
			case "expired":
				return cellStyle{text: &colRed}
			case "soon":
				return cellStyle{text: &colAmber}
			}
			return cellStyle{}
		})
}

func (d *pdfDoc) methodology() {
	c, me := d.c, d.m.Methodology
	d.heading(c.T("me.scoring"))
	d.para(c.T("me.scoring.text"), 9.5, colInk)
	k := me.Constants
	var rows [][]string
	for _, sev := range result.Severities {
		dd := k.Deductions[sev]
		rows = append(rows, []string{c.T("sev." + sev), strconv.FormatFloat(dd[0], 'f', -1, 64), strconv.FormatFloat(dd[1], 'f', -1, 64),
			strconv.FormatFloat(dd[2], 'f', -1, 64), strconv.FormatFloat(k.Caps[sev], 'f', -1, 64)})
	}
	d.table([]column{{c.T("rk.sev"), 22, "L"}, {c.T("me.case1", k.LargeEstate, k.RatioThreshold*100), 48, "R"}, {c.T("me.case2", k.LargeEstate, k.CountThreshold), 44, "R"}, {c.T("me.case3"), 28, "R"}, {c.T("me.cap"), 36, "R"}}, rows, nil)
	d.para(c.T("me.unknown"), 9.5, colInk)
	d.heading(c.T("me.sources"))
	d.para(c.T("me.version", me.Version, me.Rules), 9.5, colInk)
	d.para(c.T("me.window", d.when(me.WindowFrom), d.when(me.WindowTo), d.m.Period.TimeZone), 9.5, colInk)
	d.para(c.T("me.cover", strings.Join(me.ScoresCover, c.T("list.sep"))), 9.5, colInk)
	d.para(c.T("me.errors", len(me.APIErrors)), 9.5, colInk)
	d.para(c.T("me.deterministic"), 9.5, colInk)
	d.heading(c.T("me.plan"))
	var ents []string
	for _, e := range me.Entitlements {
		ents = append(ents, c.T("ent."+e))
	}
	d.para(c.T("me.plan.text", c.T("plan."+d.m.Plan), strings.Join(ents, c.T("list.sep"))), 9.5, colInk)
	if d.m.Service() {
		d.para(c.T("me.service"), 9.5, colInk)
	} else {
		d.note(c.T("me.self"))
	}
}
