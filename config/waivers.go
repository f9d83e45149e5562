package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Waiver suppresses matching failing findings: suppression as code, reviewed like code. A
// waived finding leaves the score but stays visible as waived.
type Waiver struct {
	// Rule is a rule id or a glob of ids (TSA-VPC-*). Required.
	Rule string `yaml:"rule" json:"rule"`
	// Account, Region and Resource narrow the match; Resource may be a glob (sg-ws9*).
	Account  string `yaml:"account" json:"account,omitempty"`
	Region   string `yaml:"region" json:"region,omitempty"`
	Resource string `yaml:"resource" json:"resource,omitempty"`
	// Tags must all be present on the resource with these values.
	Tags map[string]string `yaml:"tags" json:"tags,omitempty"`
	// Reason and Owner are required: why the risk is accepted and who answers for it.
	Reason string `yaml:"reason" json:"reason"`
	Owner  string `yaml:"owner" json:"owner"`
	// Expires, when set, ends the waiver (a date, 2027-01-31, or RFC 3339); an expired waiver
	// is reported and stops applying.
	Expires Date `yaml:"expires" json:"expires,omitempty"`
	// Source is file:line, for reports.
	Source string `yaml:"-" json:"source"`
}

// Date is a calendar date or an RFC 3339 time in YAML.
type Date struct{ time.Time }

// UnmarshalYAML reads 2027-01-31 (the end of that day, UTC) or an RFC 3339 time.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse(time.DateOnly, n.Value)
	if err == nil {
		t = t.Add(24*time.Hour - time.Second)
	} else if t, err = time.Parse(time.RFC3339, n.Value); err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %q is not a date (write 2027-01-31)", n.Line, n.Value)}}
	}
	if t.Year() < 2000 {
		// 0001-01-01 is Go's zero time: a waiver with it would silently never expire.
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %q is not a real expiry date (leave expires out for a waiver without end)", n.Line, n.Value)}}
	}
	d.Time = t
	return nil
}

// MarshalJSON writes the date as RFC 3339, or null when unset.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.Format(time.RFC3339) + `"`), nil
}

// Matches reports whether the waiver covers a finding's rule, account, region, resource and tags.
func (w Waiver) Matches(ruleID, account, region, resource string, tags map[string]string) bool {
	if ok, _ := path.Match(w.Rule, ruleID); !ok {
		return false
	}
	if w.Account != "" && w.Account != account || w.Region != "" && w.Region != region {
		return false
	}
	if w.Resource != "" {
		if ok, _ := path.Match(w.Resource, resource); !ok {
			return false
		}
	}
	for k, v := range w.Tags {
		if tags[k] != v {
			return false
		}
	}
	return true
}

// LoadWaivers reads a waiver file: a top-level `waivers:` list.
func LoadWaivers(file string) ([]Waiver, error) {
	raw, err := ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading waivers: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var doc struct {
		Waivers []Waiver `yaml:"waivers"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, describe(file, &root, err)
	}
	var errs []string
	for i := range doc.Waivers {
		w := &doc.Waivers[i]
		p := fmt.Sprintf("waivers.%d", i)
		w.Source = fmt.Sprintf("%s:%d", file, lineOf(&root, p))
		missing := func(field, why string) {
			errs = append(errs, fmt.Sprintf("%s:%d: %s.%s is missing (%s)", file, lineOf(&root, p), p, field, why))
		}
		if w.Rule == "" {
			missing("rule", "a rule id or glob such as TSA-VPC-*")
		} else if _, err := path.Match(w.Rule, ""); err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %s.rule: %q is not a valid glob", file, lineOf(&root, p+".rule"), p, w.Rule))
		}
		if w.Resource != "" {
			if _, err := path.Match(w.Resource, ""); err != nil {
				errs = append(errs, fmt.Sprintf("%s:%d: %s.resource: %q is not a valid glob", file, lineOf(&root, p+".resource"), p, w.Resource))
			}
		}
		if strings.TrimSpace(w.Reason) == "" {
			missing("reason", "say why the risk is accepted")
		}
		if strings.TrimSpace(w.Owner) == "" {
			missing("owner", "say who answers for it")
		}
	}
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	return doc.Waivers, nil
}
