package report

import (
	"io"
	"strings"
)

// table lays out rows in columns padded to their display width, so CJK names (two columns
// per character) line up; text/tabwriter counts them as one. The last cell of a row is not
// padded.
type table struct {
	indent string
	rows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// write pads each column to its widest cell plus two spaces.
func (t *table) write(w io.Writer) {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		b.WriteString(t.indent)
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteByte('\n')
	}
	io.WriteString(w, b.String())
}

// displayWidth is how many terminal columns s takes: two for East Asian wide and fullwidth
// characters, none for ANSI colour sequences, one for the rest.
func displayWidth(s string) int {
	n := 0
	inEscape := false
	for _, r := range s {
		switch {
		case inEscape:
			inEscape = r != 'm'
		case r == 0x1b:
			inEscape = true
		case wide(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// wide is whether r is an East Asian wide or fullwidth character (Hangul, CJK, kana,
// fullwidth forms).
func wide(r rune) bool {
	return r >= 0x1100 && r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf && r != 0x303f ||
		r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f ||
		r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6 || r >= 0x20000 && r <= 0x3fffd
}
