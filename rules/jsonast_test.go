package rules

import (
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestJSONValueMatchesOPA: the direct parser reads every document as OPA's own decoder does.
func TestJSONValueMatchesOPA(t *testing.T) {
	t.Parallel()
	docs := []string{
		`{}`, `[]`, `null`, `true`, `false`, `0`, `-12.5e3`, `"plain"`, `"esc\"aped \\ \u4e2d\ud83d\ude00 \n"`,
		` { "a" : [1, 2.50, {"b": null}], "c": "订单", "d": {"e": [true, false, []]} } `,
	}
	for _, r := range syntheticResources(64, 7) {
		docs = append(docs, string(r.Data))
		for _, raw := range r.Related {
			docs = append(docs, string(raw))
		}
	}
	for _, doc := range docs {
		want, err := ast.ValueFromReader(strings.NewReader(doc))
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		got, err := jsonValue([]byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		if got.Compare(want) != 0 {
			t.Errorf("%s: got %v, want %v", doc, got, want)
		}
	}
}

func TestJSONValueRefusesBrokenDocuments(t *testing.T) {
	t.Parallel()
	for _, doc := range []string{``, `{`, `[1,`, `{"a" 1}`, `"open`, `tru`, `1.2.3`, `{"a": 1} x`, `[1 2]`, `{1: 2}`} {
		if _, err := jsonValue([]byte(doc)); err == nil {
			t.Errorf("%q: no error", doc)
		} else if !strings.Contains(err.Error(), "offset") {
			t.Errorf("%q: the error does not say where: %v", doc, err)
		}
	}
}
