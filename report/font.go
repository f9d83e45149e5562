package report

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"strings"
	"sync"
	"unicode"
)

// fontTTF is WenQuanYi Micro Hei (face 0 of Debian's TTC, Apache-2.0; fonts/wqy-microhei.LICENSE.txt):
// a TrueType font with Latin and CJK that fpdf embeds as a subset.
//
//go:embed fonts/wqy-microhei.ttf
var fontTTF []byte

// fontCoverage is the set of BMP code points the font has a glyph for.
var fontCoverage = sync.OnceValues(func() (*[0x10000 / 64]uint64, error) { return cmapCoverage(fontTTF) })

// CheckFont reports whether the embedded font is usable, so a command can fail before any work.
func CheckFont() error {
	_, err := fontCoverage()
	return err
}

// cmapCoverage reads a TrueType font's format 4 (BMP) character map into a bit set.
func cmapCoverage(ttf []byte) (*[0x10000 / 64]uint64, error) {
	bad := errors.New("report font: not a TrueType font with a Unicode BMP cmap")
	if len(ttf) < 12 {
		return nil, bad
	}
	u16 := func(off int) int { return int(binary.BigEndian.Uint16(ttf[off:])) }
	u32 := func(off int) int { return int(binary.BigEndian.Uint32(ttf[off:])) }
	tables := u16(4)
	cmap := -1
	for i := 0; i < tables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, bad
		}
		if string(ttf[rec:rec+4]) == "cmap" {
			cmap = u32(rec + 8)
		}
	}
	if cmap < 0 || cmap+4 > len(ttf) {
		return nil, bad
	}
	sub := -1
	for i := 0; i < u16(cmap+2); i++ {
		rec := cmap + 4 + 8*i
		platform, encoding, off := u16(rec), u16(rec+2), u32(rec+4)
		if (platform == 3 && encoding == 1 || platform == 0) && cmap+off+2 <= len(ttf) && u16(cmap+off) == 4 {
			sub = cmap + off
			break
		}
	}
	if sub < 0 {
		return nil, bad
	}
	segX2 := u16(sub + 6)
	ends, starts := sub+14, sub+16+segX2
	deltas, ranges := starts+segX2, starts+2*segX2
	if ranges+segX2 > len(ttf) {
		return nil, bad
	}
	var set [0x10000 / 64]uint64
	for s := 0; s < segX2; s += 2 {
		end, start := u16(ends+s), u16(starts+s)
		delta, rangeOff := u16(deltas+s), u16(ranges+s)
		for c := start; c <= end && c < 0xFFFF; c++ {
			glyph := 0
			if rangeOff == 0 {
				glyph = (c + delta) & 0xFFFF
			} else if at := ranges + s + rangeOff + 2*(c-start); at+2 <= len(ttf) {
				if g := u16(at); g != 0 {
					glyph = (g + delta) & 0xFFFF
				}
			}
			if glyph != 0 {
				set[c/64] |= 1 << (c % 64)
			}
		}
	}
	return &set, nil
}

// replacement stands in for a character the font cannot draw.
const replacement = '?'

// clean makes text safe for the PDF: characters outside the font (emoji, ideographs above
// U+FFFF, which would make fpdf panic) become '?', control characters become spaces.
func drawable(s string) string {
	set, err := fontCoverage()
	if err != nil {
		return s
	}
	ok := true
	for _, r := range s {
		if r > 0xFFFF || set[r/64]&(1<<(r%64)) == 0 || unicode.IsControl(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case unicode.IsControl(r):
			b.WriteRune(' ')
		case r > 0xFFFF || set[r/64]&(1<<(r%64)) == 0:
			b.WriteRune(replacement)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
