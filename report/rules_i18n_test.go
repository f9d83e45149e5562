package report_test

import (
	"context"
	"testing"

	"github.com/tsa-scanner/tsa/rules"
)

// TestEveryRuleSpeaksBothLanguages: the report prints every rule's title, description,
// remediation and TAM recommendation in the report's language, so every rule of the library
// has them in English (its METADATA) and in Chinese (METADATA custom.i18n.zh-CN).
func TestEveryRuleSpeaksBothLanguages(t *testing.T) {
	t.Parallel()
	e, err := rules.New(context.Background(), rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range e.Rules() {
		zh := r.I18n["zh-CN"]
		for _, f := range []struct{ name, en, zh string }{
			{"title", r.Title, zh.Title},
			{"description", r.Description, zh.Description},
			{"remediation", r.Remediation, zh.Remediation},
			{"tam_recommendation", r.TAMRecommendation, zh.TAMRecommendation},
		} {
			switch {
			case f.en == "":
				t.Errorf("%s (%s): no English %s", r.ID, r.File, f.name)
			case f.zh == "":
				t.Errorf("%s (%s): no zh-CN %s in METADATA custom.i18n", r.ID, r.File, f.name)
			}
		}
	}
}
