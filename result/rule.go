package result

// Rule is one rule's identity, from the package-scope METADATA block of its file.
type Rule struct {
	ID            string   `json:"id"`
	Title         string   `json:"title"`
	Description   string   `json:"description,omitempty"`
	Pillar        string   `json:"pillar"`
	Severity      string   `json:"severity"`
	Product       string   `json:"product"`
	ResourceTypes []string `json:"resource_types"`
	// Joins are types the rule reads but does not judge (e.g. a subnet rule reads VPCs): a failed
	// read of them makes the rule unknown, but their resources are not counted as passes.
	Joins []string `json:"joins,omitempty"`
	// Reads are what the rule reads of each resource it judges: "data.<field path>",
	// "related.<key>" and "metric.<tsa metric key>". A gap or a missing series behind one of
	// them makes the rule unknown for that resource; gaps on other keys do not (docs/rules.md).
	// Empty means undeclared: then any gap on the resource makes it unknown.
	Reads             []string       `json:"reads,omitempty"`
	Remediation       string         `json:"remediation"`
	TAMRecommendation string         `json:"tam_recommendation"`
	References        []string       `json:"references"`
	Params            map[string]any `json:"params"`
	Catalogue         string         `json:"catalogue"`
	// I18n holds the rule's texts in other languages, by BCP 47 tag (zh-CN); the fields above
	// are English.
	I18n    map[string]RuleText `json:"i18n,omitempty"`
	Package string              `json:"package"` // e.g. vpc.sg_admin_ports_open
	File    string              `json:"file"`
}

// Pillars are TSA's five assessment modules, in report order.
var Pillars = []string{"security", "reliability", "service_limits", "cost", "performance"}

// Severities are the severities a rule may declare, most severe first.
var Severities = []string{"high", "medium", "low"}

// RuleText is a rule's human-readable texts in one language.
type RuleText struct {
	Title             string `json:"title"`
	Description       string `json:"description,omitempty"`
	Remediation       string `json:"remediation"`
	TAMRecommendation string `json:"tam_recommendation"`
}

// Text returns the rule's texts in lang, falling back to English for what is not translated.
func (r Rule) Text(lang string) RuleText {
	t := RuleText{Title: r.Title, Description: r.Description, Remediation: r.Remediation, TAMRecommendation: r.TAMRecommendation}
	tr, ok := r.I18n[lang]
	if !ok {
		return t
	}
	for _, f := range []struct {
		dst *string
		src string
	}{{&t.Title, tr.Title}, {&t.Description, tr.Description}, {&t.Remediation, tr.Remediation}, {&t.TAMRecommendation, tr.TAMRecommendation}} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
	return t
}
