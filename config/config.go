// Package config reads tsa's YAML configuration: which accounts to scan and how to enter them,
// where the API is, and how hard to work. Unknown keys and wrong types are errors that name the
// file, line and key.
package config

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tsa-scanner/tsa/support"
)

// Config is a tsa configuration file.
type Config struct {
	// Endpoint sends every API call to one host (the emulator, a proxy); TSA_ENDPOINT overrides it.
	Endpoint string `yaml:"endpoint"`
	// Regions to scan in every account; empty means discover them with DescribeRegions.
	Regions []string `yaml:"regions"`
	// Products limits the collectors that run (cvm, vpc, cbs, …); empty means all.
	Products []string `yaml:"products"`
	// Concurrency is the number of collection tasks (account × region × product) run at once.
	Concurrency int `yaml:"concurrency"`
	// Timeout bounds one API call.
	Timeout Duration `yaml:"timeout"`
	// Limits bound what tsa reads from the API (docs/security.md); zero keeps each default.
	Limits Limits `yaml:"limits"`
	// Accounts are the accounts to scan.
	Accounts []Account `yaml:"accounts"`
	// Rules selects and tunes the rule library.
	Rules Rules `yaml:"rules"`
	// Waivers are waiver files (relative paths are read from the config file's directory).
	Waivers []string `yaml:"waivers"`
	// Scoring overrides the constants of TSA's scoring method.
	Scoring Scoring `yaml:"scoring"`
	// Store is the scan history store.
	Store Store `yaml:"store"`
	// Organization, with discover on, adds every member account of the organization the base
	// credential manages, entered through the same role in each.
	Organization *Organization `yaml:"organization"`
	// SupportPlans replaces the built-in support plans (support/plans.yaml) with a file.
	SupportPlans string `yaml:"support_plans"`
	// Tickets turns failing findings into support tickets.
	Tickets Tickets `yaml:"tickets"`
}

// Limits bound what one scan reads from the API. Zero keeps the default.
type Limits struct {
	// MaxBodyMiB is the largest answer read from one call, in MiB (default 32).
	MaxBodyMiB int `yaml:"max_body_mib"`
	// MaxPages is the most pages read of one list (default 1000).
	MaxPages int `yaml:"max_pages"`
	// MaxRegions is the most regions region discovery accepts (default 64).
	MaxRegions int `yaml:"max_regions"`
}

// Organization says how to find and enter the member accounts of a Tencent Cloud organization.
type Organization struct {
	// Discover lists the members with DescribeOrganizationMembers and scans those not listed
	// under accounts.
	Discover bool `yaml:"discover"`
	// RoleName is the CAM role every member holds for tsa (qcs::cam::uin/<member>:roleName/<RoleName>).
	RoleName   string `yaml:"role_name"`
	ExternalID string `yaml:"external_id"`
	// Plan is the support plan of discovered members.
	Plan string `yaml:"plan"`
}

// Rules selects and tunes rules. Selectors are rule ids or pillar:…, product:…, severity:….
type Rules struct {
	Enable  []string `yaml:"enable"`
	Disable []string `yaml:"disable"`
	// Params override rule parameters for every account: rule id → parameter → value.
	Params map[string]map[string]any `yaml:"params"`
	// CustomDirs are directories of your own .rego rules (relative to the config file).
	CustomDirs []string `yaml:"custom_dirs"`
}

// Scoring overrides TSA's scoring constants; unset fields keep the defaults.
type Scoring struct {
	// Deductions per failing item by severity: [large estate and high ratio, small estate and
	// many risky, otherwise].
	Deductions     map[string][]float64 `yaml:"deductions"`
	Caps           map[string]float64   `yaml:"caps"`
	LargeEstate    int                  `yaml:"large_estate"`
	RatioThreshold float64              `yaml:"ratio_threshold"`
	CountThreshold int                  `yaml:"count_threshold"`
}

// Account is one account to scan.
type Account struct {
	UIN     string   `yaml:"uin"`
	Name    string   `yaml:"name"`
	Plan    string   `yaml:"plan"`
	Regions []string `yaml:"regions"`
	// Role is assumed with the base credential; without it the base credential scans the account.
	Role *Role `yaml:"role"`
	// Params override rule parameters for this account, over the global ones.
	Params map[string]map[string]any `yaml:"params"`
}

// Role is a CAM role to assume through STS.
type Role struct {
	ARN         string   `yaml:"arn"`
	ExternalID  string   `yaml:"external_id"`
	SessionName string   `yaml:"session_name"`
	Duration    Duration `yaml:"duration"`
}

// Duration is a time.Duration written as "30s", "5m" or "1h" in YAML.
type Duration time.Duration

// UnmarshalYAML reads a Go duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil || v < 0 {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %q is not a duration (write e.g. 30s, 5m, 1h)", n.Line, n.Value)}}
	}
	*d = Duration(v)
	return nil
}

// Store says where scan history is kept and for how long.
type Store struct {
	// Path is the SQLite file. Relative paths are relative to the configuration file; empty
	// means tsa/tsa.db in the user's data directory ($XDG_DATA_HOME, else ~/.local/share).
	Path string `yaml:"path"`
	// Keep prunes scans older than this after each scan ("90d", "12w", "720h"); zero keeps all.
	Keep Retention `yaml:"keep"`
}

// Retention is a time span written with days or weeks as well as Go units: "90d", "12w", "36h".
type Retention time.Duration

// UnmarshalYAML reads a retention span; an empty value keeps everything.
func (r *Retention) UnmarshalYAML(n *yaml.Node) error {
	if n.Value == "" {
		*r = 0
		return nil
	}
	v, err := ParseRetention(n.Value)
	if err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %v", n.Line, err)}}
	}
	*r = Retention(v)
	return nil
}

// MaxRetention is the longest retention tsa accepts: longer spans are surely a typo, and Go
// durations overflow near 292 years, which once wrapped "106752d" round to minutes.
const MaxRetention = 100 * 365 * 24 * time.Hour

// ParseRetention reads "90d", "12w" or a Go duration ("36h") as a positive time span of at most
// MaxRetention.
func ParseRetention(s string) (time.Duration, error) {
	bad := fmt.Errorf("%q is not a retention (write e.g. 90d, 12w, 36h; at most 36500d)", s)
	units := map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour}
	if unit, ok := units[s[max(0, len(s)-1):]]; ok {
		n, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
		if err != nil || n <= 0 || n > int64(MaxRetention/unit) {
			return 0, bad
		}
		return time.Duration(n) * unit, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 || d > MaxRetention {
		return 0, bad
	}
	return d, nil
}

// MaxFileSize bounds every YAML file tsa reads (config, waivers, notes, events): real ones are a
// few kilobytes, and a huge one would only exhaust memory in the YAML parser.
const MaxFileSize = 4 << 20

// ReadFile reads a user's file, refusing what is not a regular file (a FIFO would block for
// ever) and what is larger than MaxFileSize.
func ReadFile(path string) ([]byte, error) {
	f, err := OpenRegular(path, MaxFileSize)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > MaxFileSize {
		return nil, fmt.Errorf("%s is larger than the %d bytes a tsa file may have", path, MaxFileSize)
	}
	return raw, nil
}

// OpenRegular opens a file for reading if it is a regular file of at most max bytes; a FIFO, a
// device or a directory is refused without blocking.
func OpenRegular(path string, max int64) (*os.File, error) {
	// O_NONBLOCK: opening a FIFO without it waits for a writer before Stat can refuse it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	switch {
	case err != nil:
	case !st.Mode().IsRegular():
		err = fmt.Errorf("%s is not a regular file", path)
	case st.Size() > max:
		err = fmt.Errorf("%s is %d bytes, more than the %d a tsa file may have", path, st.Size(), max)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Plans are the support-plan tiers an account may declare.
var Plans = support.Tiers()

// Defaults used where the file is silent.
const (
	DefaultConcurrency = 16
	MaxConcurrency     = 256
	DefaultTimeout     = 30 * time.Second
	DefaultPlan        = "basic"
)

// Load reads and checks a configuration file.
func Load(path string) (*Config, error) {
	raw, err := ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	cfg, err := Parse(path, raw)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	if cfg.Store.Path != "" {
		cfg.Store.Path = relativeTo(dir, cfg.Store.Path)
	}
	for i, d := range cfg.Rules.CustomDirs {
		cfg.Rules.CustomDirs[i] = relativeTo(dir, d)
	}
	for i, w := range cfg.Waivers {
		cfg.Waivers[i] = relativeTo(dir, w)
	}
	if cfg.SupportPlans != "" {
		cfg.SupportPlans = relativeTo(dir, cfg.SupportPlans)
	}
	cfg.Tickets.resolve(dir)
	return cfg, nil
}

func relativeTo(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// ParamsFor returns the rule parameter overrides for an account: the global ones, then the
// account's own on top.
func (c *Config) ParamsFor(uin string) map[string]map[string]any {
	out := map[string]map[string]any{}
	merge := func(p map[string]map[string]any) {
		for id, kv := range p {
			if out[id] == nil {
				out[id] = map[string]any{}
			}
			for k, v := range kv {
				out[id][k] = v
			}
		}
	}
	merge(c.Rules.Params)
	for _, a := range c.Accounts {
		if a.UIN == uin {
			merge(a.Params)
		}
	}
	return out
}

// Parse reads and checks configuration bytes; name is used in error messages.
func Parse(name string, raw []byte) (*Config, error) {
	cfg := &Config{}
	doc, err := Decode(name, raw, cfg)
	if err != nil {
		return nil, err
	}
	cfg.applyDefaults()
	if err := cfg.check(name, doc.Root); err != nil {
		return nil, err
	}
	return cfg, nil
}

func (c *Config) applyDefaults() {
	if c.Concurrency == 0 {
		c.Concurrency = DefaultConcurrency
	}
	if c.Timeout == 0 {
		c.Timeout = Duration(DefaultTimeout)
	}
	for i := range c.Accounts {
		if c.Accounts[i].Plan == "" {
			c.Accounts[i].Plan = DefaultPlan
		}
	}
	if c.Organization != nil && c.Organization.Plan == "" {
		c.Organization.Plan = DefaultPlan
	}
}

var (
	uinPattern     = regexp.MustCompile(`^[0-9]{5,20}$`)
	roleARNPattern = regexp.MustCompile(`^qcs::cam::uin/[0-9]+:roleName/[\w+=,.@-]+$`)
	regionPattern  = regexp.MustCompile(`^[a-z]{2}-[a-z]+(-[a-z0-9]+)*$`)
)

var roleNamePattern = regexp.MustCompile(`^[\w+=,.@-]{1,128}$`)

// check validates values, naming the line of the offending key.
func (c *Config) check(name string, root *yaml.Node) error {
	var errs []string
	bad := func(path, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("%s:%d: %s: %s", name, lineOf(root, path), path, fmt.Sprintf(format, args...)))
	}
	if c.Concurrency < 1 || c.Concurrency > MaxConcurrency {
		bad("concurrency", "%d is out of range (1–%d)", c.Concurrency, MaxConcurrency)
	}
	for _, l := range []struct {
		key      string
		v, upper int
	}{{"limits.max_body_mib", c.Limits.MaxBodyMiB, 1024}, {"limits.max_pages", c.Limits.MaxPages, 100000},
		{"limits.max_regions", c.Limits.MaxRegions, 1000}} {
		if l.v < 0 || l.v > l.upper {
			bad(l.key, "%d is out of range (1–%d, or 0 for the default)", l.v, l.upper)
		}
	}
	for i, r := range c.Regions {
		if !regionPattern.MatchString(r) {
			bad(fmt.Sprintf("regions.%d", i), "%q is not a region name (e.g. ap-guangzhou)", r)
		}
	}
	if len(c.Accounts) == 0 {
		bad("accounts", "at least one account is required")
	}
	// A score is 100 minus capped deductions: each constant must be a finite number in a range
	// that keeps it within 0–100 (NaN once made a scan exit unrecorded; a negative deduction
	// gave "274.7/100").
	points := func(v float64) bool { return !math.IsNaN(v) && v >= 0 && v <= 100 }
	for sev, d := range c.Scoring.Deductions {
		if !oneOf(sev, []string{"high", "medium", "low"}) || len(d) != 3 {
			bad("scoring.deductions."+sev, "want high, medium or low with three numbers [large estate, small estate, otherwise]")
			continue
		}
		for _, v := range d {
			if !points(v) {
				bad("scoring.deductions."+sev, "%v is not a deduction (a number of points from 0 to 100)", v)
			}
		}
	}
	for sev, v := range c.Scoring.Caps {
		if !oneOf(sev, []string{"high", "medium", "low"}) {
			bad("scoring.caps."+sev, "want high, medium or low")
		} else if !points(v) {
			bad("scoring.caps."+sev, "%v is not a cap (a number of points from 0 to 100)", v)
		}
	}
	if r := c.Scoring.RatioThreshold; math.IsNaN(r) || r < 0 || r > 1 {
		bad("scoring.ratio_threshold", "%v is not a ratio (0 to 1, e.g. 0.05)", r)
	}
	if c.Scoring.LargeEstate < 0 {
		bad("scoring.large_estate", "%d is negative", c.Scoring.LargeEstate)
	}
	if c.Scoring.CountThreshold < 0 {
		bad("scoring.count_threshold", "%d is negative", c.Scoring.CountThreshold)
	}
	tiers, err := c.tiers(name)
	if err != nil {
		bad("support_plans", "%v", err)
	}
	c.checkTickets(bad)
	seen := map[string]bool{}
	for i, a := range c.Accounts {
		p := fmt.Sprintf("accounts.%d", i)
		if !uinPattern.MatchString(a.UIN) {
			bad(p+".uin", "%q is not an account UIN (digits, quote it in YAML)", a.UIN)
		}
		if seen[a.UIN] {
			bad(p+".uin", "account %s is listed twice", a.UIN)
		}
		seen[a.UIN] = true
		if tiers != nil && !oneOf(a.Plan, tiers) {
			bad(p+".plan", "%q is not a support plan (one of %s)", a.Plan, strings.Join(tiers, ", "))
		}
		for j, r := range a.Regions {
			if !regionPattern.MatchString(r) {
				bad(fmt.Sprintf("%s.regions.%d", p, j), "%q is not a region name (e.g. ap-guangzhou)", r)
			}
		}
		if a.Role != nil {
			if !roleARNPattern.MatchString(a.Role.ARN) {
				bad(p+".role.arn", "%q is not a role ARN (qcs::cam::uin/<uin>:roleName/<name>)", a.Role.ARN)
			} else if !strings.HasPrefix(a.Role.ARN, "qcs::cam::uin/"+a.UIN+":") {
				bad(p+".role.arn", "the role belongs to another account than %s", a.UIN)
			}
			if d := time.Duration(a.Role.Duration); d != 0 && (d < 15*time.Minute || d > 12*time.Hour) {
				bad(p+".role.duration", "%s is out of range (15m–12h)", d)
			}
		}
	}
	if p := c.Store.Path; p != "" {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			bad("store.path", "%q is a directory; name the database file in it, e.g. %s", p, filepath.Join(p, "tsa.db"))
		}
	}
	if o := c.Organization; o != nil {
		if o.Discover && o.RoleName == "" {
			bad("organization.role_name", "the role to enter member accounts with is required when discover is on")
		} else if o.RoleName != "" && !roleNamePattern.MatchString(o.RoleName) {
			bad("organization.role_name", "%q is not a CAM role name (letters, digits and +=,.@-_)", o.RoleName)
		}
		if tiers != nil && !oneOf(o.Plan, tiers) {
			bad("organization.plan", "%q is not a support plan (one of %s)", o.Plan, strings.Join(tiers, ", "))
		}
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}

// describe turns a yaml.v3 decoding error into lines naming file, line and key.
func describe(name string, root *yaml.Node, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	unknown := regexp.MustCompile(`^line (\d+): field (\S+) not found in type`)
	mismatch := regexp.MustCompile("^line (\\d+): cannot unmarshal !!(\\w+) `(.*)` into (\\S+)")
	lined := regexp.MustCompile(`^line (\d+): (.*)$`)
	var lines []string
	for _, e := range te.Errors {
		switch {
		case unknown.MatchString(e):
			m := unknown.FindStringSubmatch(e)
			lines = append(lines, fmt.Sprintf("%s:%s: unknown key %q", name, m[1], m[2]))
		case mismatch.MatchString(e):
			m := mismatch.FindStringSubmatch(e)
			line, _ := strconv.Atoi(m[1])
			lines = append(lines, fmt.Sprintf("%s:%s: %s: %q is a %s, want %s", name, m[1], keyAtLine(root, line), m[3], yamlKind(m[2]), goKind(m[4])))
		case lined.MatchString(e):
			m := lined.FindStringSubmatch(e)
			line, _ := strconv.Atoi(m[1])
			lines = append(lines, fmt.Sprintf("%s:%s: %s: %s", name, m[1], keyAtLine(root, line), m[2]))
		default:
			lines = append(lines, name+": "+e)
		}
	}
	return errors.New(strings.Join(lines, "\n"))
}

func yamlKind(tag string) string {
	switch tag {
	case "str":
		return "string"
	case "int", "float":
		return "number"
	case "bool":
		return "boolean"
	case "seq":
		return "list"
	case "map":
		return "mapping"
	}
	return tag
}

func goKind(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case t == "int" || t == "float64":
		return "a number"
	case t == "string":
		return "a string"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "config."):
		return "a mapping"
	}
	return t
}

// keyAtLine returns the dotted path of the key whose value starts on line.
func keyAtLine(root *yaml.Node, line int) string {
	var walk func(n *yaml.Node, path string) string
	walk = func(n *yaml.Node, path string) string {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				if p := walk(c, path); p != "" {
					return p
				}
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p := join(path, k.Value)
				if v.Line == line && v.Kind == yaml.ScalarNode || k.Line == line && v.Kind != yaml.ScalarNode {
					return p
				}
				if r := walk(v, p); r != "" {
					return r
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := join(path, strconv.Itoa(i))
				if c.Line == line && c.Kind == yaml.ScalarNode {
					return p
				}
				if r := walk(c, p); r != "" {
					return r
				}
			}
		}
		return ""
	}
	if p := walk(root, ""); p != "" {
		return p
	}
	return "value"
}

// lineOf returns the line of a dotted key path, or 1 when absent.
func lineOf(root *yaml.Node, path string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := 1
	for _, seg := range strings.Split(path, ".") {
		switch n.Kind {
		case yaml.MappingNode:
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg {
					line, n, found = n.Content[i].Line, n.Content[i+1], true
					break
				}
			}
			if !found {
				return line
			}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(seg)
			if err != nil || i >= len(n.Content) {
				return line
			}
			n = n.Content[i]
			line = n.Line
		default:
			return line
		}
	}
	return line
}

func join(path, seg string) string {
	if path == "" {
		return seg
	}
	return path + "." + seg
}

func oneOf(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Discover finds the configuration file to use when none is given: ./tsa.yaml, then tsa.yaml
// in the user's configuration directory ($XDG_CONFIG_HOME/tsa, ~/.config/tsa on Linux). It
// returns "" when there is none, with the places it looked.
func Discover() (string, []string) {
	candidates := []string{"tsa.yaml"}
	if dir, err := os.UserConfigDir(); err == nil {
		candidates = append(candidates, filepath.Join(dir, "tsa", "tsa.yaml"))
	}
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() {
			return c, candidates
		}
	}
	return "", candidates
}
