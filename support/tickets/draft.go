package tickets

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/support"
)

// Draft is a support case ready to paste into the Tencent Cloud console, in one language.
type Draft struct {
	Lang        string          `json:"lang"` // en or zh-CN
	TicketID    int64           `json:"ticket_id"`
	Product     string          `json:"product"`
	Category    string          `json:"category"`
	Severity    string          `json:"severity"` // the console's name of the case severity
	SeverityKey string          `json:"severity_key"`
	Title       string          `json:"title"`
	Description string          `json:"description"` // Markdown: evidence, resource ids, grade
	Resources   []string        `json:"resources"`
	Quota       []QuotaIncrease `json:"quota_increase,omitempty"`
}

// QuotaIncrease asks for a higher limit where a quota is 80 % used or more.
type QuotaIncrease struct {
	Quota      string  `json:"quota"`
	Region     string  `json:"region"`
	Resource   string  `json:"resource"`
	Used       float64 `json:"used"`
	Limit      float64 `json:"limit"`
	Percent    float64 `json:"percent"`
	GrowthDay  float64 `json:"growth_per_day"` // since the ticket first saw it
	Requested  int64   `json:"requested_limit"`
	Projection string  `json:"projection"`
}

// Languages are the languages drafts are written in.
var Languages = []string{"en", "zh-CN"}

// products names products as the console does.
var products = map[string][2]string{
	"cvm":        {"Cloud Virtual Machine (CVM)", "云服务器 CVM"},
	"cbs":        {"Cloud Block Storage (CBS)", "云硬盘 CBS"},
	"vpc":        {"Virtual Private Cloud (VPC)", "私有网络 VPC"},
	"clb":        {"Cloud Load Balancer (CLB)", "负载均衡 CLB"},
	"cdb":        {"TencentDB for MySQL", "云数据库 MySQL"},
	"redis":      {"TencentDB for Redis", "云数据库 Redis"},
	"mongodb":    {"TencentDB for MongoDB", "云数据库 MongoDB"},
	"cos":        {"Cloud Object Storage (COS)", "对象存储 COS"},
	"cam":        {"Cloud Access Management (CAM)", "访问管理 CAM"},
	"cloudaudit": {"CloudAudit", "操作审计 CloudAudit"},
	"ssl":        {"SSL Certificates", "SSL 证书"},
	"tke":        {"Tencent Kubernetes Engine (TKE)", "容器服务 TKE"},
}

// labels are the draft's words in each language.
var labels = map[string]map[string]string{
	"en": {
		"quota": "Quota increase", "consult": "Technical consultation", "found": "Found by tsa (read-only scan %d, %s) in account %s, %s plan.",
		"resources": "Affected resources", "evidence": "evidence", "more": "and %d more", "recommend": "Recommendation",
		"grade": "Severity", "first": "first response < %s on the %s plan", "request": "Requested quota",
		"raise": "raise %s (%s, %s) from %v to %d: %v used (%v %%); %s", "summary": "%d failing findings past the per-run ticket limit",
	},
	"zh-CN": {
		"quota": "配额提升", "consult": "技术咨询", "found": "由 tsa 只读巡检发现(扫描 %d,%s),账号 %s,%s 支持计划。",
		"resources": "受影响的资源", "evidence": "证据", "more": "另有 %d 项", "recommend": "建议",
		"grade": "严重程度", "first": "%[2]s 计划首次响应 < %[1]s", "request": "申请配额",
		"raise": "将 %s(%s,%s)从 %v 提升至 %d:已用 %v(%v %%);%s", "summary": "%d 个失败项超出单次工单上限",
	},
}

// maxDraftItems bounds the resources a draft lists; the rest are counted.
const maxDraftItems = 50

// Drafts writes a ticket's console drafts, one per language.
func Drafts(t Ticket) []Draft {
	out := make([]Draft, 0, len(Languages))
	for _, lang := range Languages {
		out = append(out, draft(t, lang))
	}
	return out
}

func draft(t Ticket, lang string) Draft {
	l := labels[lang]
	zh := 0
	if lang != "en" {
		zh = 1
	}
	text := t.Texts[lang]
	if text.Title == "" {
		text = t.Texts["en"]
	}
	d := Draft{Lang: lang, TicketID: t.ID, SeverityKey: t.Grade.Severity, Severity: t.Grade.Name, Category: l["consult"]}
	if zh == 1 && t.Grade.NameZH != "" {
		d.Severity = t.Grade.NameZH
	}
	if p, ok := products[t.Product]; ok {
		d.Product = p[zh]
	} else {
		d.Product = strings.ToUpper(t.Product)
	}
	d.Quota = quotaIncreases(t)
	if len(d.Quota) > 0 {
		d.Category = l["quota"]
	}
	d.Title = fmt.Sprintf("[tsa %s] %s", t.RuleID, clean(text.Title, 120))
	if t.Summary {
		d.Title = "[tsa] " + fmt.Sprintf(l["summary"], len(t.Items))
	}
	var b strings.Builder
	scan := t.UpdatedAt.UTC().Format("2006-01-02")
	fmt.Fprintf(&b, l["found"]+"\n\n", t.LastScan, scan, t.Account, t.Plan)
	if text.Description != "" {
		fmt.Fprintf(&b, "%s\n\n", clean(text.Description, 1000))
	}
	fmt.Fprintf(&b, "**%s (%d)**\n\n", l["resources"], len(t.Items))
	for i, it := range t.Items {
		if i == maxDraftItems {
			fmt.Fprintf(&b, "- "+l["more"]+"\n", len(t.Items)-i)
			break
		}
		d.Resources = append(d.Resources, it.ResourceID)
		where := it.Region
		if where == "" {
			where = "global"
		}
		name := ""
		if it.ResourceName != "" && it.ResourceName != it.ResourceID {
			name = " (" + clean(it.ResourceName, 80) + ")"
		}
		rule := ""
		if it.RuleID != "" && it.RuleID != t.RuleID {
			rule = it.RuleID + " "
		}
		fmt.Fprintf(&b, "- %s`%s`%s, %s: %s\n", rule, clean(it.ResourceID, 120), name, where, clean(it.Message, 300))
		if len(it.Evidence) > 0 {
			ev, _ := json.Marshal(it.Evidence)
			fmt.Fprintf(&b, "  - %s: `%s`\n", l["evidence"], clean(string(ev), 500))
		}
	}
	if text.Remediation != "" {
		fmt.Fprintf(&b, "\n**%s**: %s\n", l["recommend"], clean(text.Remediation, 1000))
	}
	for i, q := range d.Quota {
		if i == 0 {
			fmt.Fprintf(&b, "\n**%s**\n\n", l["request"])
		}
		fmt.Fprintf(&b, "- "+l["raise"]+"\n", q.Quota, q.Region, q.Resource, q.Limit, q.Requested, q.Used, q.Percent, q.Projection)
	}
	fmt.Fprintf(&b, "\n**%s**: %s (%s)", l["grade"], d.Severity, t.Grade.Reason)
	if t.Grade.Response > 0 {
		fmt.Fprintf(&b, "; "+l["first"], support.FormatResponse(t.Grade.Response), t.Plan)
	}
	b.WriteString("\n")
	if t.Grade.Faster != "" {
		fmt.Fprintf(&b, "\n> %s\n", t.Grade.Faster)
	}
	d.Description = b.String()
	return d
}

// Markdown renders a draft for pasting into the console's case form.
func (d Draft) Markdown() string {
	field := map[string][4]string{
		"en":    {"Product", "Category", "Severity", "Title"},
		"zh-CN": {"产品", "问题类型", "严重程度", "标题"},
	}[d.Lang]
	return fmt.Sprintf("# %s\n\n- %s: %s\n- %s: %s\n- %s: %s\n- %s: %s\n\n%s", d.Title, field[0], d.Product, field[1], d.Category,
		field[2], d.Severity, field[3], d.Title, d.Description)
}

// usage is one quota's use as a rule's evidence gives it.
type usage struct {
	name        string
	used, limit float64
	pct         float64
}

// usagePairs are the used/limit field names quota rules write in their evidence.
var usagePairs = [][2]string{{"used", "total"}, {"used", "limit"}, {"used", "LimitValue"}, {"QuotaCurrent", "QuotaLimit"},
	{"rules", "limit"}, {"dnat_rules", "limit"}}

// usages finds every quota in a finding's evidence: an object with a used/limit pair and a pct.
func usages(v any) []usage {
	var out []usage
	switch x := v.(type) {
	case map[string]any:
		if pct, ok := number(x["pct"]); ok {
			for _, p := range usagePairs {
				used, okU := number(x[p[0]])
				limit, okL := number(x[p[1]])
				if okU && okL && limit > 0 {
					out = append(out, usage{name: quotaName(x, p[0]), used: used, limit: limit, pct: pct})
					break
				}
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if _, isMap := x[k].(map[string]any); isMap || isList(x[k]) {
				out = append(out, usages(x[k])...)
			}
		}
	case []any:
		for _, e := range x {
			out = append(out, usages(e)...)
		}
	}
	return out
}

func isList(v any) bool { _, ok := v.([]any); return ok }

// quotaName names a quota from the fields rules use for it.
func quotaName(x map[string]any, usedField string) string {
	var parts []string
	for _, k := range []string{"QuotaId", "LimitType", "set", "zone", "direction", "scope"} {
		if s, ok := x[k].(string); ok && s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return usedField
	}
	return strings.Join(parts, " ")
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// Quota requests: the new limit keeps the usage projected 90 days ahead, at the growth seen
// since the ticket first saw the quota, at 70 % of the limit or less.
const (
	quotaThreshold = 80
	horizonDays    = 90
	targetUse      = 0.7
)

// quotaIncreases lists the quota-increase requests of a ticket's items.
func quotaIncreases(t Ticket) []QuotaIncrease {
	var out []QuotaIncrease
	for _, it := range t.Items {
		for _, u := range usages(map[string]any(it.Evidence)) {
			if u.pct < quotaThreshold {
				continue
			}
			q := QuotaIncrease{Quota: u.name, Region: it.Region, Resource: it.ResourceID, Used: u.used, Limit: u.limit, Percent: u.pct}
			if base, ok := t.Baselines[baselineKey(it, u.name)]; ok {
				if days := t.UpdatedAt.Sub(base.At).Hours() / 24; days >= 1 {
					q.GrowthDay = math.Max(0, (u.used-base.Used)/days)
				}
			}
			projected := u.used + q.GrowthDay*horizonDays
			q.Requested = int64(math.Ceil(projected / targetUse))
			if r := q.Requested % 5; r != 0 {
				q.Requested += 5 - r
			}
			q.Requested = max(q.Requested, int64(u.limit)+1)
			q.Projection = fmt.Sprintf("%.0f in %d days at %.2f/day, kept at %.0f %% of the new limit", projected, horizonDays, q.GrowthDay, targetUse*100)
			out = append(out, q)
		}
	}
	return out
}

// Baseline is the first usage of a quota a ticket saw, to measure growth from.
type Baseline struct {
	Used float64   `json:"used"`
	At   time.Time `json:"at"`
}

func baselineKey(it Item, quota string) string { return it.Fingerprint + "|" + quota }

// recordBaselines keeps the first usage seen of each quota on the ticket.
func recordBaselines(t *Ticket, at time.Time) {
	for _, it := range t.Items {
		for _, u := range usages(map[string]any(it.Evidence)) {
			k := baselineKey(it, u.name)
			if _, ok := t.Baselines[k]; !ok {
				if t.Baselines == nil {
					t.Baselines = map[string]Baseline{}
				}
				t.Baselines[k] = Baseline{Used: u.used, At: at}
			}
		}
	}
}

// DraftDir writes each opened, updated or reopened ticket's drafts into a directory:
// tsa-<id>.<lang>.md and tsa-<id>.json (both languages).
type DraftDir struct{ Dir string }

// Name names the sink in the ledger.
func (d DraftDir) Name() string { return "drafts" }

// Deliver writes the drafts, replacing older ones of the same ticket.
func (d DraftDir) Deliver(_ context.Context, c Change) Outcome {
	if !oneOf(c.Event.Kind, []string{EventOpened, EventUpdated, EventReopened}) {
		return Outcome{Skipped: true}
	}
	if err := os.MkdirAll(d.Dir, 0o755); err != nil {
		return Outcome{Attempts: 1, Err: err}
	}
	drafts := Drafts(c.Ticket)
	base := filepath.Join(d.Dir, fmt.Sprintf("tsa-%d", c.Ticket.ID))
	js, err := json.MarshalIndent(drafts, "", "  ")
	if err != nil {
		return Outcome{Attempts: 1, Err: err}
	}
	files := map[string][]byte{base + ".json": append(js, '\n')}
	for _, dr := range drafts {
		files[base+"."+dr.Lang+".md"] = []byte(dr.Markdown())
	}
	for path, data := range files {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return Outcome{Attempts: 1, Err: err}
		}
	}
	return Outcome{Attempts: 1}
}
