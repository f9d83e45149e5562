package report

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/tsa-scanner/tsa/result"
)

// WriteHTML renders the report as one self-contained HTML file: styles and charts (SVG) are
// inline, nothing is fetched. csvName is the findings CSV written beside it.
func WriteHTML(w io.Writer, m *Monthly, csvName string) error {
	c := Catalog(m.Lang)
	loc, err := time.LoadLocation(m.Period.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	d := &pdfDoc{c: c, m: m} // for the texts the PDF and HTML share
	funcs := template.FuncMap{
		"t":        func(key string, args ...any) string { return c.T(key, args...) },
		"title":    d.title,
		"period":   d.periodText,
		"scans":    d.scansText,
		"when":     func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04 MST") },
		"day":      func(t time.Time) string { return t.In(loc).Format("2006-01-02") },
		"utcday":   func(t time.Time) string { return t.UTC().Format(time.DateOnly) }, // a waiver date, as written
		"score":    scoreText,
		"band":     func(b string) string { return c.T("band." + b) },
		"colour":   func(b string) string { return cssColour(bandRGB(b)) },
		"sevc":     func(s string) string { return cssColour(sevRGB(s)) },
		"region":   d.region,
		"signed":   signed,
		"pct":      func(v float64) string { return fmt.Sprintf("%.0f%%", v) },
		"f2":       func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) },
		"upper":    strings.ToUpper,
		"join":     strings.Join,
		"dash":     dash,
		"add":      func(a, b int) int { return a + b },
		"sum3":     func(r AgeRow) int { return r.D30 + r.D90 + r.Over90 },
		"gauge":    func() template.HTML { return gaugeSVG(m) },
		"trendSVG": func() template.HTML { return trendSVG(m) },
		"flowSVG":  func() template.HTML { return flowSVG(m) },
		"ageSVG":   func() template.HTML { return ageSVG(m, c) },
		"limitc": func(s string) string {
			return cssColour(map[string]rgb{"ok": colGreen, "amber": colAmber, "red": colRed, "unknown": colUnknown}[s])
		},
		"capped": func(v float64) float64 { return math.Min(v, 100) },
		"deref":  func(p *int) int { return *p },
		"deref2": func(p *float64) float64 { return *p },
		"deref3": func(p *time.Time) time.Time { return *p },
		"covpct": func(ok, planned int) float64 {
			if planned == 0 {
				return 0
			}
			return 100 * float64(ok) / float64(planned)
		},
		"pair": func(key string, rows []NoteRow) noteTable { return noteTable{Key: key, Rows: rows} },
		"ent": func(es []string) string {
			var out []string
			for _, e := range es {
				out = append(out, c.T("ent."+e))
			}
			return strings.Join(out, c.T("list.sep"))
		},
		"ded": func(k result.ScoringConstants, sev string, i int) string {
			return strconv.FormatFloat(k.Deductions[sev][i], 'f', -1, 64)
		},
		"cap": func(k result.ScoringConstants, sev string) string {
			return strconv.FormatFloat(k.Caps[sev], 'f', -1, 64)
		},
		"pc":         func(v float64) float64 { return v * 100 },
		"csv":        func() string { return csvName },
		"severities": func() []string { return result.Severities },
	}
	t, err := template.New("report").Funcs(funcs).Parse(htmlTemplate)
	if err != nil {
		return err
	}
	var page bytes.Buffer
	if err := t.Execute(&page, m); err != nil {
		return err
	}
	// The report's font, cut to the characters the page uses, goes inline: the file reads the
	// same on a machine without a Chinese font, and still fetches nothing.
	font := fpdf.UTF8CutFont(fontTTF, usedRunes(page.String()))
	face := "@font-face { font-family: tsa; src: url(data:font/ttf;base64," + base64.StdEncoding.EncodeToString(font) + ") format(\"truetype\"); }"
	_, err = io.WriteString(w, strings.Replace(page.String(), fontFacePlaceholder, face, 1))
	return err
}

// fontFacePlaceholder marks where the inline font goes in the template's style sheet.
const fontFacePlaceholder = "@font-face { font-family: tsa-placeholder; }"

// usedRunes is the set of characters in s, in order of first use.
func usedRunes(s string) string {
	seen := map[rune]bool{}
	var b strings.Builder
	for _, r := range s {
		if !seen[r] && r > ' ' {
			seen[r] = true
			b.WriteRune(r)
		}
	}
	return b.String()
}

// noteTable is one of the TAM's tables, for the HTML template.
type noteTable struct {
	Key  string
	Rows []NoteRow
}

func cssColour(c rgb) string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// gaugeSVG is the score ring.
func gaugeSVG(m *Monthly) template.HTML {
	s := m.Summary
	arc := func(from, to float64, col string) string {
		r := 40.0
		x1, y1 := 50+r*math.Cos(from*math.Pi/180), 50-r*math.Sin(from*math.Pi/180)
		x2, y2 := 50+r*math.Cos(to*math.Pi/180), 50-r*math.Sin(to*math.Pi/180)
		large := 0
		if from-to > 180 {
			large = 1
		}
		return fmt.Sprintf(`<path d="M%.2f %.2f A%.0f %.0f 0 %d 1 %.2f %.2f" stroke="%s" stroke-width="11" fill="none"/>`, x1, y1, r, r, large, x2, y2, col)
	}
	out := `<svg viewBox="0 0 100 92" width="170" role="img">` + arc(210, -30, cssColour(colZebra))
	if s.Band != result.NotAssessed {
		out += arc(210, 210-240*s.Score/100, cssColour(bandRGB(s.Band)))
	}
	out += fmt.Sprintf(`<text x="50" y="54" text-anchor="middle" font-size="19" font-weight="700" fill="%s">%s</text></svg>`, cssColour(colInk), scoreText(s.Score, s.Band))
	return template.HTML(out)
}

// trendSVG is the score by month over the bands.
func trendSVG(m *Monthly) template.HTML {
	const w, h, x0 = 640.0, 180.0, 30.0
	y := func(v float64) float64 { return 10 + (h-30)*(1-v/100) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %.0f %.0f" width="100%%" role="img">`, w, h)
	for _, band := range []struct {
		lo, hi float64
		col    string
	}{{0, 60, "#fdecec"}, {60, 85, "#fef5e6"}, {85, 100, "#eaf7ee"}} {
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.1f" width="%.0f" height="%.1f" fill="%s"/>`, x0, y(band.hi), w-x0-10, y(band.lo)-y(band.hi), band.col)
	}
	for _, v := range []float64{0, 60, 85, 100} {
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" font-size="9" text-anchor="end" fill="#6b7280">%.0f</text>`, x0-4, y(v)+3, v)
	}
	months := m.Trend.Months
	step := (w - x0 - 10) / float64(max(len(months), 1))
	var pts []string
	for i, p := range months {
		cx := x0 + step*(float64(i)+0.5)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" font-size="9" text-anchor="middle" fill="#6b7280">%s</text>`, cx, h-6, p.Month)
		if p.Score == nil {
			continue
		}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", cx, y(*p.Score)))
	}
	fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), cssColour(colBlue))
	for i, p := range months {
		if p.Score == nil {
			continue
		}
		cx := x0 + step*(float64(i)+0.5)
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="#fff" stroke="%s" stroke-width="2"/><text x="%.1f" y="%.1f" font-size="9" text-anchor="middle">%.1f</text>`,
			cx, y(*p.Score), cssColour(bandRGB(p.Band)), cx, y(*p.Score)-8, *p.Score)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// flowSVG is raised and resolved findings by month.
func flowSVG(m *Monthly) template.HTML {
	const w, h, x0 = 640.0, 150.0, 30.0
	top := 1
	for _, p := range m.Trend.Months {
		top = max(top, p.Raised, p.Resolved)
	}
	scale := niceCeil(float64(top))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %.0f %.0f" width="100%%" role="img">`, w, h)
	months := m.Trend.Months
	step := (w - x0 - 10) / float64(max(len(months), 1))
	base := h - 20
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="#d1d5db"/>`, x0, base, w-10, base)
	fmt.Fprintf(&b, `<text x="%.0f" y="14" font-size="9" text-anchor="end" fill="#6b7280">%g</text>`, x0-4, scale)
	for i, p := range months {
		cx := x0 + step*float64(i) + step/2
		for j, v := range []int{p.Raised, p.Resolved} {
			col := cssColour(colRed)
			if j == 1 {
				col = cssColour(colGreen)
			}
			bh := (base - 14) * float64(v) / scale
			bx := cx - 12 + float64(j)*12
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="11" height="%.1f" fill="%s"/>`, bx, base-bh, bh, col)
			if v > 0 {
				fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="8" text-anchor="middle">%d</text>`, bx+5.5, base-bh-2, v)
			}
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" font-size="9" text-anchor="middle" fill="#6b7280">%s</text>`, cx, h-6, p.Month)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// ageSVG is the ageing of open findings by pillar, stacked.
func ageSVG(m *Monthly, c Catalogue) template.HTML {
	const w = 640.0
	rows := m.Trend.AgeingByPillar
	top := 1
	for _, r := range rows {
		top = max(top, r.D30+r.D90+r.Over90)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %.0f %d" width="100%%" role="img">`, w, len(rows)*22+4)
	cols := []string{"#93c5fd", cssColour(colAmber), cssColour(colRed)}
	for i, r := range rows {
		y := float64(i*22 + 2)
		fmt.Fprintf(&b, `<text x="0" y="%.0f" font-size="11">%s</text>`, y+13, template.HTMLEscapeString(c.T("pillar."+r.Key)))
		x := 110.0
		for j, v := range []int{r.D30, r.D90, r.Over90} {
			bw := (w - 160) * float64(v) / float64(top)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.0f" width="%.1f" height="14" fill="%s"/>`, x, y+2, bw, cols[j])
			x += bw
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" font-size="10" fill="#6b7280">%d</text>`, x+4, y+13, r.D30+r.D90+r.Over90)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

const htmlTemplate = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tsa {{.Methodology.Version}}">
<meta name="report-id" content="{{.ID}}">
<meta name="content-hash" content="{{.Hash}}">
<title>{{title}} · {{.Customer}} · {{.Period.Label}}</title>
<style>
@font-face { font-family: tsa-placeholder; }
:root { --navy:#0b2245; --blue:#006eff; --ink:#1f2937; --grey:#6b7280; --rule:#d1d5db; --zebra:#f5f7fa; --light:#e8f1ff; }
* { box-sizing: border-box; }
body { margin:0; font-family: tsa,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei","Helvetica Neue",Arial,sans-serif; color:var(--ink); background:#eef1f5; font-size:14px; line-height:1.55; }
main { max-width: 980px; margin: 0 auto; background:#fff; padding: 0 0 40px; }
header.cover { background: var(--navy); color:#fff; padding: 40px 48px 32px; border-bottom: 5px solid var(--blue); }
header.cover .sub { color:#9dc3ff; font-size:13px; }
header.cover h1 { font-size: 34px; margin: 14px 0 4px; }
header.cover .customer { font-size: 20px; }
header.cover .badge { display:inline-block; margin-top:18px; padding:10px 16px; border-radius:8px; font-size:20px; font-weight:700; }
dl.meta { display:grid; grid-template-columns: 220px 1fr; margin: 20px 48px; gap: 6px 16px; }
dl.meta dt { color: var(--grey); font-size: 12px; } dl.meta dd { margin:0; white-space: pre-line; word-break: break-all; }
nav.toc { margin: 10px 48px 20px; } nav.toc a { color: var(--blue); text-decoration:none; } nav.toc li { margin: 2px 0; }
section { margin: 0 48px; padding-top: 18px; }
h2 { color: var(--navy); border-left: 5px solid var(--blue); padding-left: 10px; font-size: 22px; border-bottom: 1px solid var(--rule); padding-bottom: 6px; }
h3 { color: var(--blue); font-size: 16px; margin: 18px 0 8px; }
table { width:100%; border-collapse: collapse; font-size: 12.5px; margin: 6px 0 14px; }
th { background: var(--navy); color:#fff; text-align:left; padding: 6px 8px; font-weight: 500; }
td { padding: 5px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; white-space: pre-line; }
tr:nth-child(even) td { background: var(--zebra); }
td.n, th.n { text-align: right; }
.pill { display:inline-block; color:#fff; border-radius: 4px; padding: 0 7px; font-size: 11.5px; white-space: nowrap; }
.tiles { display:grid; grid-template-columns: repeat(7, 1fr); gap: 8px; }
.tile { background: var(--light); border-left: 4px solid; border-radius: 6px; padding: 8px; text-align:center; }
.tile b { display:block; font-size: 26px; } .tile span { font-size: 11.5px; color: var(--grey); }
.pillars { display:grid; grid-template-columns: 110px 1fr 50px 150px; gap: 6px 10px; align-items:center; }
.bar { background: var(--zebra); height: 10px; } .bar i { display:block; height: 10px; }
.note { background: var(--light); border-left: 4px solid #3b82f6; padding: 10px 14px; margin: 8px 0 14px; }
.narrative { background: var(--light); border-left: 4px solid var(--blue); padding: 12px 16px; }
.muted { color: var(--grey); font-size: 12.5px; }
.flex { display:flex; gap: 24px; align-items: flex-start; }
footer { margin: 30px 48px 0; color: var(--grey); font-size: 12px; border-top: 1px solid var(--rule); padding-top: 8px; }
@media print { body { background:#fff; } main { max-width:none; } section { page-break-before: always; } }
</style>
</head>
<body><main>
<header class="cover">
<div class="sub">tsa · {{t "cover.subtitle"}}</div>
<h1>{{title}}</h1>
<div class="customer">{{.Customer}}</div>
<div>{{period}}</div>
<div class="badge" style="background:{{colour .Summary.Band}}">{{score .Summary.Score .Summary.Band}} · {{band .Summary.Band}}</div>
</header>
<dl class="meta">
<dt>{{t "cover.accounts"}}</dt><dd>{{range .Accounts}}{{.UIN}} {{.Name}}
{{end}}</dd>
<dt>{{t "cover.plan"}}</dt><dd>{{t (printf "plan.%s" .Plan)}}</dd>
<dt>{{t "cover.tam"}}</dt><dd>{{if .TAM}}{{.TAM}}{{else}}{{t "cover.none"}}{{end}}</dd>
<dt>{{t "cover.freshness"}}</dt><dd>{{when .Generated}}</dd>
<dt>{{t "cover.scans"}}</dt><dd>{{scans}}</dd>
<dt>{{t "cover.id"}}</dt><dd>{{.ID}}</dd>
<dt>{{t "cover.hash"}}</dt><dd>{{.Hash}}</dd>
</dl>
<nav class="toc"><h3>{{t "toc"}}</h3><ol>
<li><a href="#summary">{{t "sec.summary"}}</a></li><li><a href="#overview">{{t "sec.overview"}}</a></li>
<li><a href="#trend">{{t "sec.trend"}}</a></li><li><a href="#risks">{{t "sec.risks"}}</a></li>
{{if .Service}}<li><a href="#recommendations">{{t "sec.recommendations"}}</a></li>{{end}}
<li><a href="#remediation">{{t "sec.remediation"}}</a></li><li><a href="#limits">{{t "sec.limits"}}</a></li>
<li><a href="#expiring">{{t "sec.expiring"}}</a></li><li><a href="#cost">{{t "sec.cost"}}</a></li>
<li><a href="#tickets">{{t "sec.tickets"}}</a></li>
{{if .Service}}<li><a href="#events">{{t "sec.events"}}</a></li><li><a href="#projects">{{t "sec.projects"}}</a></li>{{end}}
<li><a href="#details">{{t "sec.details"}}</a></li><li><a href="#waivers">{{t "sec.waivers"}}</a></li><li><a href="#methodology">{{t "sec.methodology"}}</a></li>
</ol></nav>

<section id="summary"><h2>{{t "sec.summary"}}</h2>
<div class="flex"><div style="text-align:center">{{gauge}}<div style="color:{{colour .Summary.Band}}">{{band .Summary.Band}}</div>
<div class="muted">{{if and .Summary.Delta .Summary.Previous}}{{t "sum.delta" (signed (deref2 .Summary.Delta)) (.Summary.Previous.StartedAt.Format "2006-01")}}{{else}}{{t "sum.first"}}{{end}}</div>
{{if gt .Summary.Upper .Summary.Score}}<div class="muted">{{t "sum.range" (score .Summary.Score .Summary.Band) (score .Summary.Upper .Summary.Band)}}</div>{{end}}</div>
<div style="flex:1"><h3>{{t "sum.pillars"}}</h3><div class="pillars">
{{range .Summary.Pillars}}<div>{{t (printf "pillar.%s" .Pillar)}}</div><div class="bar"><i style="width:{{capped .Score}}%;background:{{colour .Band}}"></i></div><b>{{score .Score .Band}}</b>
<span class="muted">{{if .Delta}}{{signed (deref2 .Delta)}} · {{end}}{{t "sum.coverage" .Coverage}}{{if .Partial}} · {{t "partial"}}{{end}}</span>{{end}}
</div></div></div>
<h3>{{t "sum.kpi"}}</h3><div class="tiles">
<div class="tile" style="border-color:#dc2626"><b>{{.Summary.KPI.OpenHigh}}</b><span>{{t "kpi.open_high"}}</span></div>
<div class="tile" style="border-color:#f59e0b"><b>{{.Summary.KPI.OpenMedium}}</b><span>{{t "kpi.open_medium"}}</span></div>
<div class="tile" style="border-color:#006eff"><b>{{.Summary.KPI.New}}</b><span>{{t "kpi.new"}}</span></div>
<div class="tile" style="border-color:#16a34a"><b>{{.Summary.KPI.Resolved}}</b><span>{{t "kpi.resolved"}}</span></div>
<div class="tile" style="border-color:#dc2626"><b>{{.Summary.KPI.Overdue}}</b><span>{{t "kpi.overdue"}}</span></div>
<div class="tile" style="border-color:#f59e0b"><b>{{.Summary.KPI.QuotaHot}}</b><span>{{t "kpi.quota"}}</span></div>
<div class="tile" style="border-color:#f59e0b"><b>{{.Summary.KPI.Expiring30}}</b><span>{{t "kpi.expiring"}}</span></div>
</div>
<h3>{{t "sum.top"}}</h3><table>{{range .Summary.TopRisks}}<tr><td><span class="pill" style="background:{{sevc .Severity}}">{{t (printf "sev.%s" .Severity)}}</span></td><td>{{.RuleID}} {{.Title}}</td><td class="n">{{t "sum.affected" .Affected .Assessed}} · +{{f2 .Gain}}</td></tr>{{else}}<tr><td>{{t "rk.none"}}</td></tr>{{end}}</table>
<h3>{{t "sum.narrative"}}</h3><div class="narrative">{{.Summary.Narrative}}{{if .Summary.ByTAM}}<div class="muted" style="text-align:right">{{t "sum.by_tam" .TAM}}</div>{{end}}</div>
</section>

<section id="overview"><h2>{{t "sec.overview"}}</h2>
<h3>{{t "ov.accounts"}}</h3><table><tr><th>{{t "ov.uin"}}</th><th>{{t "ov.name"}}</th><th>{{t "ov.plan"}}</th><th>{{t "ov.regions"}}</th><th>{{t "ov.state"}}</th></tr>
{{range .Accounts}}<tr><td>{{.UIN}}</td><td>{{.Name}}</td><td>{{t (printf "plan.%s" .Plan)}}</td><td>{{join .Regions ", "}}</td><td>{{if .Error}}{{t "ov.not_entered" .Error}}{{else}}{{t "ov.scanned"}}{{end}}</td></tr>{{end}}</table>
<h3>{{t "ov.inventory" .Overview.Resources}}</h3><table><tr><th>{{t "ov.product"}}</th>{{range .Overview.Regions}}<th class="n">{{region .}}</th>{{end}}</tr>
{{range $p := .Overview.Products}}<tr><td>{{upper $p}}</td>{{range index $.Overview.Inventory $p}}<td class="n">{{dash .}}</td>{{end}}</tr>{{end}}</table>
{{with .Overview.Coverage}}<h3>{{t "ov.coverage" .OK .Planned (covpct .OK .Planned)}}</h3>
<h3>{{t "ov.unread"}}</h3>{{if .Failures}}<table><tr><th>{{t "ov.account"}}</th><th>{{t "ov.region"}}</th><th>{{t "ov.action"}}</th><th>{{t "ov.error"}}</th><th>{{t "ov.grant"}}</th></tr>
{{range .Failures}}<tr><td>{{.Account}}</td><td>{{region .Region}}</td><td>{{.Action}}</td><td style="color:#3b82f6">{{.Code}} {{.Message}}</td><td>{{.Grant}}</td></tr>{{end}}</table>{{else}}<p>{{t "ov.all_read"}}</p>{{end}}{{end}}
</section>

<section id="trend"><h2>{{t "sec.trend"}}</h2>
<h3>{{t "tr.score"}}</h3>{{trendSVG}}
<h3>{{t "tr.flow"}}</h3>{{flowSVG}}<p class="muted"><span class="pill" style="background:#dc2626">{{t "tr.raised"}}</span> <span class="pill" style="background:#16a34a">{{t "tr.resolved"}}</span></p>
<h3>{{t "tr.ageing"}} · {{t "tr.by_pillar"}}</h3>{{ageSVG}}
<p class="muted"><span class="pill" style="background:#93c5fd">{{t "tr.d30"}}</span> <span class="pill" style="background:#f59e0b">{{t "tr.d90"}}</span> <span class="pill" style="background:#dc2626">{{t "tr.over90"}}</span></p>
<h3>{{t "tr.ageing"}} · {{t "tr.by_product"}}</h3><table><tr><th>{{t "ov.product"}}</th><th class="n">{{t "tr.d30"}}</th><th class="n">{{t "tr.d90"}}</th><th class="n">{{t "tr.over90"}}</th><th class="n">{{t "ov.total"}}</th></tr>
{{range .Trend.AgeingByProduct}}<tr><td>{{upper .Key}}</td><td class="n">{{dash .D30}}</td><td class="n">{{dash .D90}}</td><td class="n">{{dash .Over90}}</td><td class="n">{{sum3 .}}</td></tr>{{end}}</table>
</section>

<section id="risks"><h2>{{t "sec.risks"}}</h2><p class="muted">{{t "rk.intro"}}</p>
<table><tr><th>{{t "rk.sev"}}</th><th>{{t "rk.risk"}}</th><th class="n">{{t "rk.affected"}}</th><th class="n">{{t "rk.gain"}}</th><th>{{t "rk.action"}}</th></tr>
{{range .TopRisks}}<tr><td><span class="pill" style="background:{{sevc .Severity}}">{{t (printf "sev.%s" .Severity)}}</span></td><td>{{.RuleID}}
{{.Title}}
{{t (printf "pillar.%s" .Pillar)}}</td><td class="n">{{.Affected}} / {{.Assessed}}</td><td class="n">+{{f2 .Gain}}</td><td>{{.Action}}
<a href="{{.Console}}">{{.Console}}</a></td></tr>{{else}}<tr><td>{{t "rk.none"}}</td></tr>{{end}}</table>
</section>

{{if .Service}}<section id="recommendations"><h2>{{t "sec.recommendations"}}</h2><p class="muted">{{t "rec.intro"}}</p>
<table><tr><th>{{t "rec.priority"}}</th><th>{{t "rec.title"}}</th><th>{{t "rec.links"}}</th><th>{{t "rec.status"}}</th><th>{{t "rec.owner"}} / {{t "rec.due"}}</th><th>{{t "rec.source"}}</th></tr>
{{range .Recommendations}}<tr><td><span class="pill" style="background:{{sevc .Priority}}">{{t (printf "sev.%s" .Priority)}}</span></td><td><b>{{.Title}}</b>
{{.Rationale}}</td><td>{{join .Rules "\n"}}{{if .Findings}}
{{join .Findings "\n"}}{{end}}</td><td>{{t (printf "status.%s" .Status)}}</td><td>{{.Owner}}
{{.Due}}</td><td>{{if .Curated}}{{t "rec.curated"}}{{else}}{{t "rec.builtin"}}{{end}}</td></tr>{{else}}<tr><td>{{t "none"}}</td></tr>{{end}}</table>
</section>{{end}}

<section id="remediation"><h2>{{t "sec.remediation"}}</h2>{{with .Remediation}}
<p>{{t "rm.policy" (index .DueDays "high") (index .DueDays "medium") (index .DueDays "low")}}</p>
<p>{{if .ResolvedRatio}}{{t "rm.ratio" .Resolved .Raised (pct (pc (deref2 .ResolvedRatio)))}}{{else}}{{t "rm.noraised" .Resolved}}{{end}}</p>
<h3>{{t "rm.mttr"}}</h3><table><tr><th>{{t "rm.pillar"}}</th><th class="n">{{t "rm.count"}}</th><th class="n">{{t "rm.mttr"}}</th></tr>
{{range .MTTR}}<tr><td>{{t (printf "pillar.%s" .Pillar)}}</td><td class="n">{{.Resolved}}</td><td class="n">{{if .Days}}{{t "rm.days" (deref2 .Days)}}{{else}}–{{end}}</td></tr>{{end}}</table>
<h3>{{t "rm.overdue" .OverdueTotal}}</h3>{{if .Overdue}}<table><tr><th>{{t "rk.sev"}}</th><th>{{t "rk.risk"}}</th><th>{{t "rm.resource"}}</th><th>{{t "rm.first"}}</th><th>{{t "rec.due"}}</th><th class="n">{{t "rm.late"}}</th></tr>
{{range .Overdue}}<tr><td><span class="pill" style="background:{{sevc .Severity}}">{{t (printf "sev.%s" .Severity)}}</span></td><td>{{.RuleID}} {{.Title}}</td><td>{{.Account}}
{{.Resource}}</td><td>{{day .FirstSeen}}</td><td>{{day .Due}}</td><td class="n" style="color:#dc2626">{{.DaysLate}}</td></tr>{{end}}</table>{{else}}<p>{{t "rm.none"}}</p>{{end}}{{end}}
</section>

<section id="limits"><h2>{{t "sec.limits"}}</h2><p class="muted">{{t "lm.legend"}}</p>
{{if .Limits.Rows}}<table><tr><th>{{t "ov.account"}}</th><th>{{t "lm.name"}}</th><th class="n">{{t "lm.used"}}</th><th>{{t "lm.pct"}}</th><th>{{t "lm.state"}}</th></tr>
{{range .Limits.Rows}}<tr><td>{{.Account}}
{{region .Region}}</td><td>{{.Name}}</td><td class="n">{{if eq .State "unknown"}}{{.Reason}}{{else}}{{.Used}} / {{.Limit}}{{end}}</td><td>{{if ne .State "unknown"}}<div class="bar" style="width:120px;display:inline-block"><i style="width:{{capped .Percent}}%;background:{{limitc .State}}"></i></div> {{pct .Percent}}{{end}}</td><td><span class="pill" style="background:{{limitc .State}}">{{t (printf "limit.%s" .State)}}</span></td></tr>{{end}}</table>{{else}}<p>{{t "lm.none"}}</p>{{end}}
{{if .Limits.Hidden}}<p class="muted">{{t "lm.hidden" .Limits.Hidden}}</p>{{end}}
</section>

<section id="expiring"><h2>{{t "sec.expiring"}}</h2><h3>{{t "ex.title"}}</h3>
{{if .Expiring}}<table><tr><th>{{t "ov.account"}}</th><th>{{t "ex.type"}}</th><th>{{t "rm.resource"}}</th><th>{{t "ex.expires"}}</th><th class="n">{{t "ex.days"}}</th><th>{{t "ex.auto"}}</th></tr>
{{range .Expiring}}<tr><td>{{.Account}}
{{region .Region}}</td><td>{{.Type}}</td><td>{{.ID}}
{{.Name}}</td><td>{{day .Expires}}</td><td class="n">{{.Days}}</td><td>{{if .AutoRenew}}<span class="pill" style="background:#16a34a">{{t "yes"}}</span>{{else}}<span class="pill" style="background:#dc2626">{{t "no"}}</span>{{end}}</td></tr>{{end}}</table>{{else}}<p>{{t "ex.none"}}</p>{{end}}
<h3>{{t "ch.title"}}</h3>{{with .Changes}}{{if .From}}<p>{{t "ch.between" .From.ID (when .From.StartedAt) .To.ID (when .To.StartedAt)}}</p>
{{if .ByType}}<table><tr><th>{{t "ex.type"}}</th><th class="n">{{t "ch.added"}}</th><th class="n">{{t "ch.removed"}}</th></tr>{{range .ByType}}<tr><td>{{.Type}}</td><td class="n" style="color:#16a34a">{{.Added}}</td><td class="n" style="color:#dc2626">{{.Removed}}</td></tr>{{end}}</table>
<table><tr><th>{{t "ch.change"}}</th><th>{{t "ex.type"}}</th><th>{{t "rm.resource"}}</th><th>{{t "ov.account"}}</th></tr>{{range .Items}}<tr><td>{{t (printf "ch.%s" .Change)}}</td><td>{{.Type}}</td><td>{{.ID}} {{.Name}}</td><td>{{.Account}} {{region .Region}}</td></tr>{{end}}</table>
{{if .Omitted}}<p class="muted">{{t "ch.omitted" .Omitted}}</p>{{end}}{{else}}<p>{{t "ch.none"}}</p>{{end}}{{else}}<p>{{t "ch.one"}}</p>{{end}}{{end}}
</section>

<section id="cost"><h2>{{t "sec.cost"}}</h2><p class="muted">{{t "co.intro"}}</p>
{{if .Cost.Rules}}<table><tr><th>{{t "rk.rule"}}</th><th>{{t "rk.risk"}}</th><th class="n">{{t "co.count"}}</th><th>{{t "co.examples"}}</th></tr>
{{range .Cost.Rules}}<tr><td>{{.RuleID}}</td><td>{{.Title}}</td><td class="n">{{.Count}}</td><td>{{join .Resources (t "list.sep")}}</td></tr>{{end}}</table>{{else}}<p>{{t "co.none"}}</p>{{end}}
{{if .Cost.BillingRead}}<p>{{t "co.billed"}}</p>{{else}}<div class="note">{{t "co.billing"}}</div>{{end}}
</section>

<section id="tickets"><h2>{{t "sec.tickets"}}</h2>
{{if not .Tickets}}<div class="note">{{t "tk.none"}}</div>{{else if not .Tickets.Rows}}<p>{{t "tk.none.period"}}</p>{{else}}<table><tr><th>{{t "tk.id"}}</th><th>{{t "tk.title"}}</th><th>{{t "tk.severity"}}</th><th>{{t "tk.state"}}</th><th>{{t "tk.opened"}}</th></tr>
{{range .Tickets.Rows}}<tr><td>{{.ID}}</td><td>{{.Title}}</td><td>{{t (printf "grade.%s" .Severity)}}</td><td>{{t (printf "tkstate.%s" .State)}}</td><td>{{day .Opened}}</td></tr>{{end}}</table>{{end}}
</section>

{{if .Service}}<section id="events"><h2>{{t "sec.events"}}</h2>
{{if and .Events .Events.Audits}}<p>{{t "ev.sessions" .Events.SessionsUsed .Events.SessionsYear}}</p><table><tr><th>{{t "ev.name"}}</th><th>{{t "ev.date"}}</th><th>{{t "ev.result"}}</th></tr>
{{range .Events.Audits}}<tr><td>{{.Name}}</td><td>{{day .Date}}</td><td>{{t (printf "iem.%s" .Result)}}</td></tr>{{end}}</table>{{else}}<div class="note">{{t "ev.none"}}</div>{{end}}
</section>
<section id="projects"><h2>{{t "sec.projects"}}</h2>
{{template "notes" (pair "pj.requirements" .Requirements)}}{{template "notes" (pair "pj.projects" .Projects)}}{{template "notes" (pair "pj.optimisations" .Optimisations)}}
</section>{{end}}

<section id="details"><h2>{{t "sec.appendix"}}</h2><h3 style="font-size:19px">{{t "sec.details"}}</h3>
<p class="muted">{{t "ap.details.intro" .DetailsCap .DetailsTotal csv}}</p>
{{range .Details}}<h3><span class="pill" style="background:{{sevc .Severity}}">{{t (printf "sev.%s" .Severity)}}</span> {{.RuleID}} {{.Title}} <span class="muted">{{t "ap.showing" (len .Findings) .Total}}</span></h3>
{{if .Remediation}}<p class="muted">{{t "ap.remediation"}}: {{.Remediation}}</p>{{end}}
<table><tr><th>{{t "ov.account"}}</th><th>{{t "rm.resource"}}</th><th>{{t "ap.message"}}</th></tr>{{range .Findings}}<tr><td>{{.Account}}
{{region .Region}}</td><td>{{.ResourceID}}
{{.ResourceName}}</td><td>{{.Message}}</td></tr>{{end}}</table>{{end}}
</section>

<section id="waivers"><h2>{{t "sec.waivers"}}</h2>{{with .Waivers}}
{{if .Known}}<p>{{t "wv.summary" (len .Rows) .Waived .Soon .Expired}}</p>{{if .Rows}}<table><tr><th>{{t "wv.rule"}} / {{t "wv.scope"}}</th><th>{{t "wv.reason"}}</th><th>{{t "wv.owner"}}</th><th>{{t "wv.expires"}}</th><th class="n">{{t "wv.covers"}}</th><th>file:line</th></tr>
{{range .Rows}}<tr><td>{{.Rule}}
{{.Scope}}</td><td>{{.Reason}}</td><td>{{.Owner}}</td><td>{{if .Expires}}{{utcday (deref3 .Expires)}}{{else}}{{t "wv.never"}}{{end}}
{{t (printf "wv.%s" .State)}}</td><td class="n">{{.Covers}}</td><td>{{.Source}}</td></tr>{{end}}</table>{{end}}
{{else}}<div class="note">{{t "wv.unknown" .Waived}}</div>{{end}}{{end}}
</section>

<section id="methodology"><h2>{{t "sec.methodology"}}</h2>{{with .Methodology}}
<h3>{{t "me.scoring"}}</h3><p>{{t "me.scoring.text"}}</p>
<table><tr><th>{{t "rk.sev"}}</th><th class="n">{{t "me.case1" .Constants.LargeEstate (pc .Constants.RatioThreshold)}}</th><th class="n">{{t "me.case2" .Constants.LargeEstate .Constants.CountThreshold}}</th><th class="n">{{t "me.case3"}}</th><th class="n">{{t "me.cap"}}</th></tr>
{{$k := .Constants}}{{range severities}}<tr><td>{{t (printf "sev.%s" .)}}</td><td class="n">{{ded $k . 0}}</td><td class="n">{{ded $k . 1}}</td><td class="n">{{ded $k . 2}}</td><td class="n">{{cap $k .}}</td></tr>{{end}}</table>
<p>{{t "me.unknown"}}</p>
<h3>{{t "me.sources"}}</h3><p>{{t "me.version" .Version .Rules}}</p><p>{{t "me.window" (when .WindowFrom) (when .WindowTo) $.Period.TimeZone}}</p>
<p>{{t "me.cover" (join .ScoresCover (t "list.sep"))}}</p><p>{{t "me.errors" (len .APIErrors)}}</p><p>{{t "me.deterministic"}}</p>
<h3>{{t "me.plan"}}</h3><p>{{t "me.plan.text" (t (printf "plan.%s" $.Plan)) (ent .Entitlements)}}</p>
{{if $.Service}}<p>{{t "me.service"}}</p>{{else}}<div class="note">{{t "me.self"}}</div>{{end}}{{end}}
</section>
<footer>{{.ID}} · {{title}} · {{.Customer}} · {{.Period.Label}}</footer>
</main></body></html>
{{define "notes"}}<h3>{{t .Key}}</h3>{{if .Rows}}<table><tr><th>{{t "pj.title"}}</th><th>{{t "rec.status"}}</th><th>{{t "rec.owner"}}</th><th>{{t "rec.due"}}</th><th>{{t "pj.progress"}}</th><th>{{t "pj.note"}}</th></tr>
{{range .Rows}}<tr><td>{{.Title}}</td><td>{{t (printf "status.%s" .Status)}}</td><td>{{.Owner}}</td><td>{{.Due}}</td><td>{{if .Progress}}{{deref .Progress}}%{{end}}</td><td>{{.Note}}</td></tr>{{end}}</table>{{else}}<p class="muted">{{t "pj.none"}}</p>{{end}}{{end}}
`
