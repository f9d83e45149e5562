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
	Joins             []string       `json:"joins,omitempty"`
	Remediation       string         `json:"remediation"`
	TAMRecommendation string         `json:"tam_recommendation"`
	References        []string       `json:"references"`
	Params            map[string]any `json:"params"`
	Catalogue         string         `json:"catalogue"`
	Package           string         `json:"package"` // e.g. vpc.sg_admin_ports_open
	File              string         `json:"file"`
}

// Pillars are TSA's five assessment modules, in report order.
var Pillars = []string{"security", "reliability", "service_limits", "cost", "performance"}

// Severities are the severities a rule may declare, most severe first.
var Severities = []string{"high", "medium", "low"}
