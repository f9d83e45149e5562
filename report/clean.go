package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/tsa-scanner/tsa/result"
)

// Clean makes a string that came from the cloud safe to print: control characters (escape
// sequences, CR, LF, tabs, C1 controls), bidirectional overrides and invalid UTF-8 are written
// as visible escapes, so a resource name cannot move the cursor, recolour the terminal, forge a
// line or reorder what is shown around it.
func Clean(s string) string {
	if !needsClean(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == unicode.ReplacementChar && isInvalid(s, i):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsClean(s string) bool {
	for i, r := range s {
		if r < 0x20 || r == 0x7f || unsafeRune(r) || r == unicode.ReplacementChar && isInvalid(s, i) {
			return true
		}
	}
	return false
}

// unsafeRune is a C1 control or a Unicode format character that changes how the text around it
// is laid out: bidirectional embeddings, overrides and isolates, line and paragraph separators.
func unsafeRune(r rune) bool {
	return r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
		r == 0x2028 || r == 0x2029 || r == 0x200e || r == 0x200f || r == 0x061c
}

// isInvalid tells a U+FFFD that decoding produced from a bad byte apart from one written as such.
func isInvalid(s string, i int) bool { return !strings.HasPrefix(s[i:], "\uFFFD") }

// secretID matches Tencent Cloud SecretIds: AKID followed by letters and digits.
var secretID = regexp.MustCompile(`AKID[A-Za-z0-9]{8,}`)

// MaskSecret hides the middle of every SecretId in s, keeping AKID and the last four characters
// so a reader can still tell two keys apart.
func MaskSecret(s string) string {
	return secretID.ReplaceAllStringFunc(s, func(id string) string { return "AKID****" + id[len(id)-4:] })
}

// MaskKeys returns a copy of the scan with every SecretId masked, in every field: messages,
// evidence, names, tags, coverage errors.
func MaskKeys(s *result.Scan) (*result.Scan, error) {
	raw, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	if !secretID.Match(raw) {
		return s, nil
	}
	// SecretIds are letters and digits only, so masking inside the JSON text keeps it valid.
	raw = secretID.ReplaceAllFunc(raw, func(id []byte) []byte {
		return append([]byte("AKID****"), id[len(id)-4:]...)
	})
	out := &result.Scan{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(out); err != nil {
		return nil, err
	}
	return out, nil
}

// AttachRuleTexts copies each rule's remediation and TAM recommendation onto its findings, in
// English, so every output carries them.
func AttachRuleTexts(s *result.Scan) {
	rules := make(map[string]result.Rule, len(s.Rules))
	for _, r := range s.Rules {
		rules[r.Rule.ID] = r.Rule
	}
	for i := range s.Findings {
		f := &s.Findings[i]
		r, ok := rules[f.RuleID]
		if !ok {
			continue
		}
		if f.Remediation == "" {
			f.Remediation = r.Remediation
		}
		if f.TAMRecommendation == "" {
			f.TAMRecommendation = r.TAMRecommendation
		}
	}
}
