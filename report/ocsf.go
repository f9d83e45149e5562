package report

import (
	"encoding/json"
	"io"
	"sort"

	"github.com/tsa-scanner/tsa/result"
)

// ocsfWriter writes each finding as an OCSF 1.x Compliance Finding event (class 2003 in the
// Findings category), as a JSON array, for a SIEM or a security lake. docs/findings.md maps the
// fields; report/testdata/ocsf holds the schema's required attributes the test checks against.
type ocsfWriter struct{}

func (ocsfWriter) Format() string { return "ocsf" }

// FileName is findings.ocsf.json: the content is JSON.
func (ocsfWriter) FileName() string { return "findings.ocsf.json" }

// OCSF identifiers of the Compliance Finding class.
const (
	ocsfVersion        = "1.3.0"
	ocsfCategoryUID    = 2 // Findings
	ocsfClassUID       = 2003
	ocsfActivityCreate = 1
)

type ocsfEvent struct {
	ActivityID   int              `json:"activity_id"`
	ActivityName string           `json:"activity_name"`
	CategoryUID  int              `json:"category_uid"`
	CategoryName string           `json:"category_name"`
	ClassUID     int              `json:"class_uid"`
	ClassName    string           `json:"class_name"`
	TypeUID      int              `json:"type_uid"`
	TypeName     string           `json:"type_name"`
	Time         int64            `json:"time"` // milliseconds since the epoch
	SeverityID   int              `json:"severity_id"`
	Severity     string           `json:"severity"`
	StatusID     int              `json:"status_id"`
	Status       string           `json:"status"`
	Message      string           `json:"message"`
	Metadata     ocsfMetadata     `json:"metadata"`
	Cloud        ocsfCloud        `json:"cloud"`
	FindingInfo  ocsfFindingInfo  `json:"finding_info"`
	Compliance   ocsfCompliance   `json:"compliance"`
	Remediation  *ocsfRemediation `json:"remediation,omitempty"`
	Resources    []ocsfResource   `json:"resources"`
	Unmapped     map[string]any   `json:"unmapped,omitempty"`
}

type ocsfMetadata struct {
	Version  string      `json:"version"`
	Product  ocsfProduct `json:"product"`
	Profiles []string    `json:"profiles"`
}

type ocsfProduct struct {
	Name       string `json:"name"`
	VendorName string `json:"vendor_name"`
}

type ocsfCloud struct {
	Provider string       `json:"provider"`
	Region   string       `json:"region,omitempty"`
	Account  *ocsfAccount `json:"account,omitempty"`
}

type ocsfAccount struct {
	UID  string `json:"uid"`
	Name string `json:"name,omitempty"`
}

type ocsfFindingInfo struct {
	UID         string   `json:"uid"`
	Title       string   `json:"title"`
	Desc        string   `json:"desc,omitempty"`
	Types       []string `json:"types"`
	CreatedTime int64    `json:"created_time"`
}

type ocsfCompliance struct {
	Standards []string `json:"standards"`
	Control   string   `json:"control"`
	StatusID  int      `json:"status_id"`
	Status    string   `json:"status"`
}

type ocsfRemediation struct {
	Desc string `json:"desc"`
}

type ocsfResource struct {
	UID    string         `json:"uid"`
	Name   string         `json:"name,omitempty"`
	Type   string         `json:"type,omitempty"`
	Region string         `json:"region,omitempty"`
	Labels []string       `json:"labels,omitempty"`
	Data   map[string]any `json:"data,omitempty"`
}

// ocsfSeverity maps tsa's severities to OCSF severity_id (1 informational … 5 critical).
var ocsfSeverity = map[string]struct {
	id   int
	name string
}{"low": {2, "Low"}, "medium": {3, "Medium"}, "high": {4, "High"}}

// ocsfStatus maps a finding's status to the compliance check's status_id (1 pass, 2 warning:
// no result for missing information, 3 fail) and the finding's status_id (1 new, 3 suppressed).
var ocsfStatus = map[result.Status]struct {
	check, finding int
	checkName      string
	findingName    string
}{
	result.Fail:    {3, 1, "Fail", "New"},
	result.Unknown: {2, 1, "Warning", "New"},
	result.Waived:  {3, 3, "Fail", "Suppressed"},
	result.Pass:    {1, 1, "Pass", "New"},
}

func (ocsfWriter) Write(w io.Writer, s *result.Scan) error {
	names := map[string]string{}
	for _, a := range s.Accounts {
		names[a.UIN] = a.Name
	}
	descs := map[string]string{}
	for _, r := range s.Rules {
		descs[r.Rule.ID] = r.Rule.Description
	}
	at := s.StartedAt.UnixMilli()
	events := make([]ocsfEvent, 0, len(s.Findings))
	for _, f := range s.Findings {
		sev, st := ocsfSeverity[f.Severity], ocsfStatus[f.Status]
		if sev.id == 0 {
			sev.name = "Unknown"
		}
		e := ocsfEvent{
			ActivityID: ocsfActivityCreate, ActivityName: "Create",
			CategoryUID: ocsfCategoryUID, CategoryName: "Findings",
			ClassUID: ocsfClassUID, ClassName: "Compliance Finding",
			TypeUID: ocsfClassUID*100 + ocsfActivityCreate, TypeName: "Compliance Finding: Create",
			Time: at, SeverityID: sev.id, Severity: sev.name,
			StatusID: st.finding, Status: st.findingName,
			Message:  f.Message,
			Metadata: ocsfMetadata{Version: ocsfVersion, Product: ocsfProduct{Name: "tsa", VendorName: "tsa"}, Profiles: []string{"cloud"}},
			Cloud:    ocsfCloud{Provider: "Tencent Cloud", Region: f.Region},
			FindingInfo: ocsfFindingInfo{
				UID: f.ID, Title: f.Title, Desc: descs[f.RuleID], Types: []string{f.Pillar}, CreatedTime: at,
			},
			Compliance: ocsfCompliance{
				Standards: []string{"Tencent Smart Advisor"}, Control: f.RuleID, StatusID: st.check, Status: st.checkName,
			},
			Resources: []ocsfResource{{UID: f.ResourceID, Name: f.ResourceName, Type: f.ResourceType, Region: f.Region,
				Labels: tagLabels(f.Tags), Data: f.Evidence}},
		}
		if f.Account != "" {
			e.Cloud.Account = &ocsfAccount{UID: f.Account, Name: names[f.Account]}
		}
		if f.Remediation != "" {
			e.Remediation = &ocsfRemediation{Desc: f.Remediation}
		}
		unmapped := map[string]any{"pillar": f.Pillar, "tsa_status": string(f.Status)}
		if f.TAMRecommendation != "" {
			unmapped["tam_recommendation"] = f.TAMRecommendation
		}
		if f.Waiver != nil {
			unmapped["waiver"] = f.Waiver
		}
		e.Unmapped = unmapped
		events = append(events, e)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(events)
}

// tagLabels writes tags as key:value labels, sorted.
func tagLabels(tags map[string]string) []string {
	if len(tags) == 0 {
		return nil
	}
	out := make([]string, 0, len(tags))
	for k, v := range tags {
		out = append(out, k+":"+v)
	}
	sort.Strings(out)
	return out
}
