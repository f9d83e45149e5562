package report

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func init() { model.ConfigPath = "disable" } // pdfcpu must not write a config directory

// pdfText extracts each page's text from a PDF tsa wrote: the pages' content streams, decoded
// by pdfcpu, hold the text as UTF-16BE strings shown with Tj (fpdf's Identity-H encoding,
// whose codes are the characters themselves).
func pdfText(t *testing.T, pdf []byte) []string {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatalf("pdfcpu validation: %v", err)
	}
	var pages []string
	for p := 1; p <= ctx.PageCount; p++ {
		r, err := pdfcpu.ExtractPageContent(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, showStrings(raw))
	}
	return pages
}

// showStrings returns the literal strings of a content stream, decoded, one per line.
func showStrings(content []byte) string {
	var out strings.Builder
	for i := 0; i < len(content); i++ {
		if content[i] != '(' {
			continue
		}
		var s []byte
		depth := 1
		for i++; i < len(content) && depth > 0; i++ {
			c := content[i]
			switch {
			case c == '\\' && i+1 < len(content):
				i++
				switch e := content[i]; e {
				case 'n':
					s = append(s, '\n')
				case 'r':
					s = append(s, '\r')
				case 't':
					s = append(s, '\t')
				case 'b':
					s = append(s, '\b')
				case 'f':
					s = append(s, '\f')
				default:
					if e >= '0' && e <= '7' {
						v, n := 0, 0
						for ; n < 3 && i < len(content) && content[i] >= '0' && content[i] <= '7'; n++ {
							v = v*8 + int(content[i]-'0')
							i++
						}
						i--
						s = append(s, byte(v))
					} else {
						s = append(s, e)
					}
				}
			case c == '(':
				depth++
				s = append(s, c)
			case c == ')':
				depth--
				if depth > 0 {
					s = append(s, c)
				}
			default:
				s = append(s, c)
			}
		}
		i--
		out.WriteString(utf16BE(s))
		out.WriteByte('\n')
	}
	return out.String()
}

// embeddedFonts returns the decoded size of every font file embedded in a PDF (FontFile2:
// TrueType).
func embeddedFonts(t *testing.T, pdf []byte) []int {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for nr := 1; nr <= *ctx.XRefTable.Size; nr++ {
		entry, ok := ctx.XRefTable.FindTableEntryLight(nr)
		if !ok || entry.Object == nil {
			continue
		}
		d, ok := entry.Object.(types.Dict)
		if !ok || d.NameEntry("Type") == nil || *d.NameEntry("Type") != "FontDescriptor" {
			continue
		}
		ref := d.IndirectRefEntry("FontFile2")
		if ref == nil {
			t.Errorf("font descriptor %d has no embedded TrueType font file", nr)
			continue
		}
		sd, _, err := ctx.DereferenceStreamDict(*ref)
		if err != nil || sd == nil {
			t.Fatalf("font file %v: %v", ref, err)
		}
		if err := sd.Decode(); err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(sd.Content))
	}
	return sizes
}

func utf16BE(b []byte) string {
	units := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(units))
}
