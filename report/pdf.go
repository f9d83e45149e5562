package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/tsa-scanner/tsa/result"
)

// rgb is a colour.
type rgb struct{ r, g, b int }

// The report's palette: Tencent Cloud blue on navy, TSA's bands, blue for unknown.
var (
	colNavy    = rgb{0x0B, 0x22, 0x45}
	colBlue    = rgb{0x00, 0x6E, 0xFF}
	colLight   = rgb{0xE8, 0xF1, 0xFF}
	colInk     = rgb{0x1F, 0x29, 0x37}
	colGrey    = rgb{0x6B, 0x72, 0x80}
	colRule    = rgb{0xD1, 0xD5, 0xDB}
	colZebra   = rgb{0xF5, 0xF7, 0xFA}
	colWhite   = rgb{0xFF, 0xFF, 0xFF}
	colGreen   = rgb{0x16, 0xA3, 0x4A}
	colAmber   = rgb{0xF5, 0x9E, 0x0B}
	colRed     = rgb{0xDC, 0x26, 0x26}
	colUnknown = rgb{0x3B, 0x82, 0xF6}
)

// bandColour is a score band's colour.
func bandRGB(band string) rgb {
	switch band {
	case "green":
		return colGreen
	case "orange":
		return colAmber
	case "red":
		return colRed
	}
	return colUnknown
}

func sevRGB(sev string) rgb {
	switch sev {
	case "high":
		return colRed
	case "medium":
		return colAmber
	}
	return colGrey
}

// Page geometry, in millimetres.
const (
	pageW, pageH = 210.0, 297.0
	marginX      = 16.0
	marginTop    = 20.0
	marginBottom = 18.0
	contentW     = pageW - 2*marginX
	fontFamily   = "wqy"
)

// pdfDoc draws a Monthly with fpdf.
type pdfDoc struct {
	f   *fpdf.Fpdf
	c   Catalogue
	m   *Monthly
	csv string // the CSV's file name, quoted in the appendix
	toc []tocEntry
	// tocPage and tocY are where the table of contents goes, filled in once all is drawn.
	tocPage int
	tocY    float64
	textRGB rgb // the current text colour, which fake bold strokes in
}

type tocEntry struct {
	title string
	level int
	link  int
	alias string
}

// WritePDF renders the report as a PDF. csvName is the findings CSV written beside it.
func WritePDF(w io.Writer, m *Monthly, csvName string) error {
	if err := CheckFont(); err != nil {
		return err
	}
	f := fpdf.New("P", "mm", "A4", "")
	// Fixed dates and sorted catalogues: the same report gives the same bytes.
	f.SetCreationDate(m.Generated)
	f.SetModificationDate(m.Generated)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(true, marginBottom)
	f.AddUTF8FontFromBytes(fontFamily, "", fontTTF)
	f.SetFont(fontFamily, "", 10)
	if err := f.Error(); err != nil {
		return fmt.Errorf("report font: %w", err)
	}
	d := &pdfDoc{f: f, c: Catalog(m.Lang), m: m, csv: csvName}
	f.SetTitle(drawable(d.title()+" · "+m.Customer+" · "+m.Period.Label), true)
	f.SetSubject(drawable(d.c.T("cover.subtitle")), true)
	f.SetAuthor("tsa", true)
	f.SetCreator("tsa "+m.Methodology.Version, true)
	f.SetProducer("tsa", true)
	f.SetLang(m.Lang)
	f.SetKeywords(m.ID+" "+m.Hash, true)
	f.AliasNbPages("")
	f.SetHeaderFuncMode(d.header, false)
	f.SetFooterFunc(d.footer)
	d.render()
	if err := f.Error(); err != nil {
		return fmt.Errorf("rendering the PDF: %w", err)
	}
	return f.Output(w)
}

func (d *pdfDoc) title() string {
	key := "title.self"
	if d.m.Service() {
		key = "title.service"
	}
	if d.m.Period.Annual {
		key += ".year"
	}
	return d.c.T(key)
}

// render draws every section in order; the table of contents is filled at the end through
// page-number aliases.
func (d *pdfDoc) render() {
	d.cover()
	d.contents()
	sections := []struct {
		key  string
		draw func()
		tam  bool
	}{
		{"sec.summary", d.summary, false},
		{"sec.overview", d.overview, false},
		{"sec.trend", d.trend, false},
		{"sec.risks", d.risks, false},
		{"sec.recommendations", d.recommendations, true},
		{"sec.remediation", d.remediation, false},
		{"sec.limits", d.limits, false},
		{"sec.expiring", d.expiring, false},
		{"sec.cost", d.cost, false},
		{"sec.tickets", d.tickets, false},
		{"sec.events", d.events, true},
		{"sec.projects", d.projects, true},
	}
	n := 0
	for _, s := range sections {
		if s.tam && !d.m.Service() {
			continue
		}
		n++
		d.section(fmt.Sprintf("%d. %s", n, d.c.T(s.key)), 0, true)
		s.draw()
	}
	d.section(d.c.T("sec.appendix"), 0, true)
	d.details()
	d.section(d.c.T("sec.waivers"), 1, true)
	d.waivers()
	d.section(d.c.T("sec.methodology"), 1, true)
	d.methodology()
	d.fillContents()
}

// --- drawing primitives ---

func (d *pdfDoc) fill(c rgb)   { d.f.SetFillColor(c.r, c.g, c.b) }
func (d *pdfDoc) draw(c rgb)   { d.f.SetDrawColor(c.r, c.g, c.b) }
func (d *pdfDoc) colour(c rgb) { d.textRGB = c; d.f.SetTextColor(c.r, c.g, c.b) }

func (d *pdfDoc) font(size float64) { d.f.SetFont(fontFamily, "", size) }

// bold draws text with its outline stroked too: the font has no bold face.
func (d *pdfDoc) bold(on bool) {
	if on {
		d.f.SetTextRenderingMode(2)
		d.f.SetLineWidth(0.12)
		d.draw(d.textRGB)
	} else {
		d.f.SetTextRenderingMode(0)
	}
}

// text writes one line at x, y (top) in width w.
func (d *pdfDoc) text(x, y, w, h float64, s, align string) {
	d.f.SetXY(x, y)
	d.f.CellFormat(w, h, drawable(s), "", 0, align, false, 0, "")
}

// para writes wrapped text across the content width and moves below it.
func (d *pdfDoc) para(s string, size float64, c rgb) {
	d.font(size)
	d.colour(c)
	d.block(marginX, d.f.GetY(), contentW, size*0.5, s, "L")
	d.f.Ln(1.5)
}

// block writes wrapped text at x, y in width w, page-breaking between lines, and leaves the
// position under it.
func (d *pdfDoc) block(x, y, w, lineH float64, s, align string) {
	for _, l := range d.wrap(s, w) {
		if y+lineH > pageH-marginBottom {
			d.f.AddPage()
			y = d.f.GetY()
		}
		d.text(x, y, w, lineH, l, align+"M")
		y += lineH
	}
	d.f.SetY(y)
}

// noLineStart are the closing punctuation marks a Chinese line must not start with.
const noLineStart = "，。、；：！？）》」』”’%,.;:!?)]"

// wrap splits text into lines that fit a cell of width w: Latin text breaks between words,
// CJK between any two characters, and a closing punctuation mark that would start a line is
// pulled back onto the line before. (fpdf's SplitText drops the character it breaks a CJK
// line at, so tsa wraps for itself.)
func (d *pdfDoc) wrap(s string, w float64) []string {
	maxW := w - 2*d.f.GetCellMargin()
	var out []string
	for _, para := range strings.Split(drawable(s), "\n") {
		var lines []string
		line := ""
		for _, tok := range tokens(para) {
			switch {
			case d.f.GetStringWidth(line+tok) <= maxW:
				line += tok
			case tok == " ":
				lines, line = append(lines, line), ""
			default:
				if strings.TrimSpace(line) != "" {
					lines = append(lines, strings.TrimRight(line, " "))
				}
				line = ""
				// A word wider than the cell is cut where it must be.
				for _, r := range tok {
					if line != "" && d.f.GetStringWidth(line+string(r)) > maxW {
						lines, line = append(lines, line), ""
					}
					line += string(r)
				}
			}
		}
		lines = append(lines, strings.TrimRight(line, " "))
		for i := 1; i < len(lines); i++ {
			for lines[i] != "" && strings.ContainsRune(noLineStart, []rune(lines[i])[0]) {
				r := []rune(lines[i])
				lines[i-1] += string(r[0])
				lines[i] = string(r[1:])
			}
		}
		out = append(out, lines...)
	}
	return out
}

// tokens splits text into what a line may break between: words, single spaces, and single
// CJK characters.
func tokens(s string) []string {
	var out []string
	word := []rune{}
	flush := func() {
		if len(word) > 0 {
			out = append(out, string(word))
			word = word[:0]
		}
	}
	for _, r := range s {
		switch {
		case r == ' ':
			flush()
			out = append(out, " ")
		case r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF:
			flush()
			out = append(out, string(r))
		default:
			word = append(word, r)
		}
	}
	flush()
	return out
}

// space makes sure h millimetres are left on the page, else starts a new page.
func (d *pdfDoc) space(h float64) {
	if d.f.GetY()+h > pageH-marginBottom {
		d.f.AddPage()
	}
}

// section starts a section (level 0) or a subsection on a new page when newPage, with a
// bookmark and a table of contents entry.
func (d *pdfDoc) section(title string, level int, newPage bool) {
	if newPage {
		d.f.AddPage()
	} else {
		d.space(30)
	}
	link := d.f.AddLink()
	d.f.SetLink(link, -1, d.f.PageNo())
	d.f.Bookmark(drawable(title), level, -1)
	alias := "{toc" + strconv.Itoa(len(d.toc)) + "}"
	d.f.RegisterAlias(alias, strconv.Itoa(d.f.PageNo()))
	d.toc = append(d.toc, tocEntry{title: title, level: level, link: link, alias: alias})
	y := d.f.GetY()
	if level == 0 {
		d.fill(colBlue)
		d.f.Rect(marginX, y+1, 1.6, 8, "F")
		d.font(17)
		d.colour(colNavy)
		d.bold(true)
		d.text(marginX+4, y, contentW-4, 10, title, "LM")
		d.bold(false)
		d.draw(colRule)
		d.f.SetLineWidth(0.3)
		d.f.Line(marginX, y+12, pageW-marginX, y+12)
		d.f.SetY(y + 16)
		return
	}
	d.font(14)
	d.colour(colNavy)
	d.bold(true)
	d.text(marginX, y, contentW, 9, title, "LM")
	d.bold(false)
	d.f.SetY(y + 11)
}

// heading is a titled block inside a section.
func (d *pdfDoc) heading(s string) {
	d.space(22)
	y := d.f.GetY() + 1
	d.font(11.5)
	d.colour(colBlue)
	d.bold(true)
	d.text(marginX, y, contentW, 7, s, "LM")
	d.bold(false)
	d.f.SetY(y + 8)
}

func (d *pdfDoc) header() {
	if d.f.PageNo() == 1 {
		return
	}
	d.font(8)
	d.colour(colGrey)
	d.text(marginX, 8, contentW/2, 5, d.m.Customer, "LM")
	d.text(pageW/2, 8, contentW/2, 5, d.title()+" · "+d.m.Period.Label, "RM")
	d.draw(colRule)
	d.f.SetLineWidth(0.2)
	d.f.Line(marginX, 14, pageW-marginX, 14)
	d.f.SetY(marginTop)
}

func (d *pdfDoc) footer() {
	if d.f.PageNo() == 1 {
		return
	}
	d.font(8)
	d.colour(colGrey)
	d.text(marginX, pageH-12, contentW/2, 5, d.m.ID, "LM")
	d.text(pageW/2, pageH-12, contentW/2, 5, d.c.T("footer.page", d.f.PageNo()), "RM")
}

// --- tables ---

// column is a table column: title, width in millimetres, alignment.
type column struct {
	title string
	w     float64
	align string
}

// cellStyle colours a cell: text colour, and a fill (a pill behind short text) when set.
type cellStyle struct {
	text *rgb
	pill *rgb
	bar  float64 // draw a percent bar of this value (0–100+) instead of only text
	line []float64
}

// table draws rows under a header that is repeated on every page the table spans. Cells wrap;
// style, when set, colours individual cells.
func (d *pdfDoc) table(cols []column, rows [][]string, style func(r, c int) cellStyle) {
	const size, lineH, pad = 8.5, 4.2, 1.2
	d.font(size)
	titles := make([][]string, len(cols))
	headH := 7.0
	for i, c := range cols {
		titles[i] = d.wrap(c.title, c.w-2*pad)
		headH = math.Max(headH, float64(len(titles[i]))*lineH+2*pad)
	}
	header := func() {
		y := d.f.GetY()
		d.fill(colNavy)
		d.f.Rect(marginX, y, sumW(cols), headH, "F")
		d.colour(colWhite)
		x := marginX
		d.font(size)
		for i, c := range cols {
			top := y + (headH-float64(len(titles[i]))*lineH)/2
			for li, l := range titles[i] {
				d.text(x+pad, top+float64(li)*lineH, c.w-2*pad, lineH, l, c.align+"M")
			}
			x += c.w
		}
		d.f.SetY(y + headH)
	}
	d.space(headH + lineH + 2*pad)
	header()
	for ri, row := range rows {
		d.font(size)
		lines := make([][]string, len(cols))
		n := 1
		for ci, c := range cols {
			lines[ci] = d.wrap(row[ci], c.w-2*pad)
			n = max(n, len(lines[ci]))
		}
		h := float64(n)*lineH + 2*pad
		if d.f.GetY()+h > pageH-marginBottom {
			d.f.AddPage()
			header()
		}
		y := d.f.GetY()
		if ri%2 == 1 {
			d.fill(colZebra)
			d.f.Rect(marginX, y, sumW(cols), h, "F")
		}
		x := marginX
		for ci, c := range cols {
			st := cellStyle{}
			if style != nil {
				st = style(ri, ci)
			}
			d.colour(colInk)
			if st.text != nil {
				d.colour(*st.text)
			}
			switch {
			case st.pill != nil:
				w := math.Min(d.f.GetStringWidth(drawable(row[ci]))+4, c.w-2*pad)
				d.fill(*st.pill)
				d.f.RoundedRect(x+pad, y+pad+0.1, w, lineH-0.2, 1.2, "1234", "F")
				d.colour(colWhite)
				d.text(x+pad, y+pad, w, lineH, row[ci], "CM")
			case st.bar > 0:
				d.percentBar(x+pad, y+pad, c.w-2*pad, lineH, st.bar, row[ci], st.text)
			case len(st.line) > 0:
				d.sparkline(x+pad, y+pad, c.w-2*pad, lineH, st.line)
			default:
				for li, l := range lines[ci] {
					d.text(x+pad, y+pad+float64(li)*lineH, c.w-2*pad, lineH, l, c.align+"M")
				}
			}
			x += c.w
		}
		d.draw(colRule)
		d.f.SetLineWidth(0.15)
		d.f.Line(marginX, y+h, marginX+sumW(cols), y+h)
		d.f.SetY(y + h)
	}
	d.f.Ln(3)
}

func sumW(cols []column) float64 {
	s := 0.0
	for _, c := range cols {
		s += c.w
	}
	return s
}

// percentBar draws a use bar with its label.
func (d *pdfDoc) percentBar(x, y, w, h, pct float64, label string, c *rgb) {
	barW := w - 14
	d.fill(colZebra)
	d.draw(colRule)
	d.f.SetLineWidth(0.1)
	d.f.Rect(x, y+1, barW, h-2, "FD")
	col := colGreen
	if c != nil {
		col = *c
	}
	d.fill(col)
	d.f.Rect(x, y+1, barW*math.Min(pct, 100)/100, h-2, "F")
	d.colour(colInk)
	d.text(x+barW+1, y, 13, h, label, "RM")
}

// sparkline draws values (−1: missing) as a small line.
func (d *pdfDoc) sparkline(x, y, w, h float64, vals []float64) {
	if len(vals) == 0 {
		return
	}
	step := w / math.Max(float64(len(vals)-1), 1)
	d.draw(colBlue)
	d.f.SetLineWidth(0.35)
	px, py := -1.0, -1.0
	for i, v := range vals {
		if v < 0 {
			px = -1
			continue
		}
		cx := x + float64(i)*step
		cy := y + h - 0.5 - (h-1)*math.Min(v, 100)/100
		if px >= 0 {
			d.f.Line(px, py, cx, cy)
		}
		d.fill(colBlue)
		d.f.Circle(cx, cy, 0.45, "F")
		px, py = cx, cy
	}
}

// --- cover and contents ---

func (d *pdfDoc) cover() {
	f, m, c := d.f, d.m, d.c
	f.AddPage()
	d.fill(colNavy)
	f.Rect(0, 0, pageW, 118, "F")
	d.fill(colBlue)
	f.Rect(0, 118, pageW, 2.5, "F")
	// A quiet pattern of rings in the band, drawn as vectors.
	d.draw(rgb{0x1C, 0x3D, 0x6E})
	f.SetLineWidth(0.5)
	for i := 1; i <= 6; i++ {
		f.Circle(pageW-10, 20, float64(i)*12, "D")
	}
	d.colour(rgb{0x9D, 0xC3, 0xFF})
	d.font(11)
	d.text(marginX, 22, contentW, 6, "tsa · "+c.T("cover.subtitle"), "LM")
	d.colour(colWhite)
	d.font(28)
	d.bold(true)
	f.SetLineWidth(0.25)
	d.draw(colWhite)
	d.text(marginX, 40, contentW, 14, d.title(), "LM")
	d.bold(false)
	d.font(18)
	d.text(marginX, 58, contentW, 10, m.Customer, "LM")
	d.font(13)
	d.colour(rgb{0xC7, 0xDB, 0xFF})
	d.text(marginX, 72, contentW, 8, d.periodText(), "LM")
	// Score badge on the cover.
	s := m.Summary
	badge := scoreText(s.Score, s.Band) + "  " + c.T("band."+s.Band)
	d.font(16)
	bw := math.Max(62, f.GetStringWidth(drawable(badge))+12)
	d.fill(bandRGB(s.Band))
	f.RoundedRect(marginX, 88, bw, 20, 3, "1234", "F")
	d.colour(colWhite)
	d.font(9)
	d.text(marginX+4, 89.5, bw-8, 5, c.T("sum.score"), "LM")
	d.font(16)
	d.bold(true)
	d.text(marginX+4, 95, bw-8, 10, badge, "LM")
	d.bold(false)

	rows := [][2]string{
		{c.T("cover.customer"), m.Customer},
		{c.T("cover.accounts"), d.accountsText()},
		{c.T("cover.period"), d.periodText()},
		{c.T("cover.plan"), c.T("plan." + m.Plan)},
		{c.T("cover.tam"), orDefault(m.TAM, c.T("cover.none"))},
		{c.T("cover.freshness"), d.when(m.Generated)},
		{c.T("cover.scans"), d.scansText()},
		{c.T("cover.id"), m.ID},
		{c.T("cover.hash"), m.Hash},
		{c.T("cover.generated"), d.when(m.Generated) + " · tsa " + m.Methodology.Version},
	}
	y := 132.0
	for _, r := range rows {
		d.font(9)
		d.colour(colGrey)
		d.text(marginX, y, 50, 6, r[0], "LT")
		d.font(10)
		d.colour(colInk)
		d.block(marginX+52, y, contentW-52, 5.2, r[1], "L")
		y = math.Max(f.GetY(), y+6) + 3
		d.draw(colRule)
		f.SetLineWidth(0.15)
		f.Line(marginX, y-1.5, pageW-marginX, y-1.5)
	}
	f.SetAutoPageBreak(false, 0)
	d.font(8)
	d.colour(colGrey)
	d.text(marginX, pageH-20, contentW, 5, c.T("cover.confidential"), "LM")
	f.SetAutoPageBreak(true, marginBottom)
}

func (d *pdfDoc) contents() {
	f := d.f
	f.AddPage()
	d.font(17)
	d.colour(colNavy)
	d.bold(true)
	d.text(marginX, f.GetY(), contentW, 10, d.c.T("toc"), "LM")
	d.bold(false)
	f.SetY(f.GetY() + 14)
	// The entries are known only once every section is drawn: reserve the page and come back.
	d.tocPage = f.PageNo()
	d.tocY = f.GetY()
}

// fillContents writes the table of contents on the page contents reserved.
func (d *pdfDoc) fillContents() {
	f := d.f
	last := f.PageNo()
	f.SetPage(d.tocPage)
	y := d.tocY
	for _, e := range d.toc {
		indent := float64(e.level) * 8
		size := 11.0
		if e.level == 0 {
			size = 12
		}
		d.font(size)
		d.colour(colInk)
		title := drawable(e.title)
		tw := f.GetStringWidth(title)
		d.text(marginX+indent, y, contentW-indent-14, 7, title, "LM")
		d.draw(colRule)
		f.SetDashPattern([]float64{0.4, 1.2}, 0)
		f.SetLineWidth(0.2)
		f.Line(marginX+indent+tw+2, y+4.8, pageW-marginX-9, y+4.8)
		f.SetDashPattern(nil, 0)
		d.text(pageW-marginX-8, y, 10, 7, e.alias, "LM")
		f.Link(marginX, y, contentW, 7, e.link)
		y += 8.5
	}
	f.SetPage(last)
}

// --- helpers for text ---

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func scoreText(v float64, band string) string {
	if band == result.NotAssessed {
		return "—"
	}
	return fmt.Sprintf("%.1f", v)
}

func (d *pdfDoc) loc() *time.Location {
	loc, err := time.LoadLocation(d.m.Period.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

func (d *pdfDoc) when(t time.Time) string { return t.In(d.loc()).Format("2006-01-02 15:04 MST") }

func (d *pdfDoc) day(t time.Time) string { return t.In(d.loc()).Format("2006-01-02") }

func (d *pdfDoc) periodText() string {
	p := d.m.Period
	last := p.To.Add(-time.Second)
	return fmt.Sprintf("%s  (%s – %s, %s)", p.Label, d.day(p.From), d.day(last), p.TimeZone)
}

func (d *pdfDoc) accountsText() string {
	var parts []string
	for _, a := range d.m.Accounts {
		parts = append(parts, a.UIN+" "+a.Name)
	}
	return strings.Join(parts, "\n")
}

func (d *pdfDoc) scansText() string {
	s := d.m.Scans
	if len(s) == 1 {
		return d.c.T("scans.one", s[0].ID, d.when(s[0].StartedAt))
	}
	return d.c.T("scans.list", len(s), s[0].ID, s[len(s)-1].ID, d.when(s[len(s)-1].StartedAt))
}

func (d *pdfDoc) region(r string) string {
	if r == "" {
		return d.c.T("global")
	}
	return r
}
