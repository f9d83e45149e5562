package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/support"
)

// Tickets says which failing findings become support tickets and where they are sent
// (docs/tickets.md).
type Tickets struct {
	// Enabled syncs tickets after every scan; `tsa tickets sync` works either way.
	Enabled bool `yaml:"enabled"`
	// Rules, Severities and Pillars select findings; an empty list selects everything.
	Rules      []string `yaml:"rules"`
	Severities []string `yaml:"severities"`
	Pillars    []string `yaml:"pillars"`
	// Group is rule_account (one ticket per rule and account, the default) or finding (one per
	// rule, account, region and resource).
	Group string `yaml:"group"`
	// Limit bounds the tickets opened for one scan; the findings past it go into one summary
	// ticket and get their own tickets in later scans. Zero means DefaultTicketLimit.
	Limit int `yaml:"limit"`
	// ExcludeAccounts never get tickets.
	ExcludeAccounts []string `yaml:"exclude_accounts"`
	// Grades raise rules above General: rule id → case severity, system_impaired at most.
	Grades map[string]string `yaml:"grades"`
	// Drafts is a directory that receives a console draft (Markdown and JSON, en and zh-CN) of
	// each ticket opened, updated or reopened.
	Drafts string `yaml:"drafts"`
	// Webhook receives every ticket event as signed JSON.
	Webhook *Webhook `yaml:"webhook"`
	// Robots are group chat robots that get a message per new high-severity ticket.
	Robots []Robot `yaml:"robots"`
}

// Webhook is a generic HTTP receiver of ticket events.
type Webhook struct {
	URL string `yaml:"url"`
	// Secret signs each delivery (HMAC-SHA256); required.
	Secret Secret `yaml:"secret"`
	// Retries after a failed attempt (5xx, 429, network error); zero means DefaultTicketRetries.
	Retries int `yaml:"retries"`
	// Timeout bounds one attempt; zero means DefaultTicketTimeout.
	Timeout Duration `yaml:"timeout"`
}

// Robot is a WeCom, Feishu or DingTalk group robot.
type Robot struct {
	Kind string `yaml:"kind"`
	// URL is the robot's webhook address. It carries the robot's key, so it is a secret too.
	URL Secret `yaml:"url"`
	// Secret is the signing secret, for Feishu and DingTalk robots with signing turned on.
	Secret *Secret `yaml:"secret"`
}

// Secret is read from an environment variable or from a file only its owner can read; it is
// never written to the configuration, the store, a log or an error.
type Secret struct {
	Env  string `yaml:"env"`
	File string `yaml:"file"`
}

// Defaults of the tickets section.
const (
	DefaultTicketLimit   = 20
	DefaultTicketRetries = 3
	DefaultTicketTimeout = 10 * time.Second
	// maxSecret bounds a secret file: a key or a URL, never a document.
	maxSecret = 4096
)

// TicketGroups are the values of tickets.group.
var TicketGroups = []string{"rule_account", "finding"}

// RobotKinds are the values of tickets.robots[].kind.
var RobotKinds = []string{"wecom", "feishu", "dingtalk"}

// Read returns the secret's value. A secret file that everyone may read (or write) is refused:
// a key left world-readable is a key leaked.
func (s Secret) Read() (string, error) {
	switch {
	case s.Env != "" && s.File != "":
		return "", errors.New("give env or file, not both")
	case s.Env != "":
		v, ok := os.LookupEnv(s.Env)
		if !ok || strings.TrimSpace(v) == "" {
			return "", fmt.Errorf("environment variable %s is not set", s.Env)
		}
		return strings.TrimSpace(v), nil
	case s.File != "":
		st, err := os.Stat(s.File)
		if err != nil {
			return "", fmt.Errorf("secret file: %w", err)
		}
		if st.Mode().Perm()&0o006 != 0 {
			return "", fmt.Errorf("secret file %s is world-readable or writable (mode %04o): chmod 600 it", s.File, st.Mode().Perm())
		}
		raw, err := ReadFile(s.File) // a regular file of bounded size: a FIFO never blocks here
		if err != nil {
			return "", fmt.Errorf("secret file: %w", err)
		}
		if len(raw) > maxSecret {
			return "", fmt.Errorf("secret file %s is %d bytes, more than a secret (%d at most)", s.File, len(raw), maxSecret)
		}
		v := strings.TrimSpace(string(raw))
		if v == "" {
			return "", fmt.Errorf("secret file %s is empty", s.File)
		}
		return v, nil
	}
	return "", errors.New("give env (an environment variable) or file")
}

// resolve makes the tickets section's paths relative to the configuration's directory.
func (t *Tickets) resolve(dir string) {
	if t.Drafts != "" {
		t.Drafts = relativeTo(dir, t.Drafts)
	}
	fix := func(s *Secret) {
		if s != nil && s.File != "" {
			s.File = relativeTo(dir, s.File)
		}
	}
	if t.Webhook != nil {
		fix(&t.Webhook.Secret)
	}
	for i := range t.Robots {
		fix(&t.Robots[i].URL)
		fix(t.Robots[i].Secret)
	}
}

// checkTickets validates what the configuration alone can tell of the tickets section; rule
// ids and pillars are checked against the rule library when tickets are set up.
func (c *Config) checkTickets(bad func(path, format string, args ...any)) {
	t := &c.Tickets
	if t.Group != "" && !oneOf(t.Group, TicketGroups) {
		bad("tickets.group", "%q: want %s", t.Group, strings.Join(TicketGroups, " or "))
	}
	if t.Limit < 0 || t.Limit > 1000 {
		bad("tickets.limit", "%d is out of range (1–1000; 0 for the default %d)", t.Limit, DefaultTicketLimit)
	}
	for i, s := range t.Severities {
		if !oneOf(s, []string{"high", "medium", "low"}) {
			bad(fmt.Sprintf("tickets.severities.%d", i), "unknown severity %q (high, medium or low)", s)
		}
	}
	for i, a := range t.ExcludeAccounts {
		if !uinPattern.MatchString(a) {
			bad(fmt.Sprintf("tickets.exclude_accounts.%d", i), "%q is not an account UIN", a)
		}
	}
	plans := support.Builtin()
	for rule, sev := range t.Grades {
		if _, ok := plans.Severity(sev); !ok {
			bad("tickets.grades."+rule, "unknown case severity %q (general or %s)", sev, support.ScannerCeiling)
		} else if sev != "general" && sev != support.ScannerCeiling {
			bad("tickets.grades."+rule, "tsa never grades a ticket %s: a scanner files %s at most", sev, support.ScannerCeiling)
		}
	}
	if w := t.Webhook; w != nil {
		if u, err := url.Parse(w.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("tickets.webhook.url", "%q is not an http(s) URL", w.URL)
		}
		checkSecret(bad, "tickets.webhook.secret", &w.Secret)
		if w.Retries < 0 || w.Retries > 10 {
			bad("tickets.webhook.retries", "%d is out of range (0–10)", w.Retries)
		}
		if d := time.Duration(w.Timeout); d < 0 || d > time.Minute {
			bad("tickets.webhook.timeout", "%s is out of range (up to 1m)", d)
		}
	}
	for i, r := range t.Robots {
		p := fmt.Sprintf("tickets.robots.%d", i)
		if !oneOf(r.Kind, RobotKinds) {
			bad(p+".kind", "%q: want %s", r.Kind, strings.Join(RobotKinds, ", "))
		}
		checkSecret(bad, p+".url", &r.URL)
		if r.Secret != nil {
			if r.Kind == "wecom" {
				bad(p+".secret", "WeCom robots do not sign messages; remove the secret")
			}
			checkSecret(bad, p+".secret", r.Secret)
		}
	}
}

// checkSecret requires exactly one source; values are read, and file modes checked, when the
// sinks are set up, before any work.
func checkSecret(bad func(path, format string, args ...any), path string, s *Secret) {
	if (s.Env == "") == (s.File == "") {
		bad(path, "give env (an environment variable) or file, exactly one")
	}
}

// Tiers are the plans accounts may declare: those of support_plans when given, else the
// built-in ones.
func (c *Config) tiers(name string) ([]string, error) {
	if c.SupportPlans == "" {
		return Plans, nil
	}
	cat, err := LoadPlans(relativeTo(filepath.Dir(name), c.SupportPlans))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range cat.Plans {
		out = append(out, p.Tier)
	}
	return out, nil
}

// LoadPlans reads a support plans file that replaces the built-in one.
func LoadPlans(path string) (*support.Catalog, error) {
	raw, err := ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading support plans: %w", err)
	}
	return support.Parse(path, raw)
}
