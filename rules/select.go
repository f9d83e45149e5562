package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tsa-scanner/tsa/result"
)

// Select returns an engine that reports only the chosen rules: those matching any enable
// selector (all rules when enable is empty), minus those matching any disable selector. A
// selector is a rule id (TSA-VPC-001), pillar:<pillar>, product:<product> or severity:<level>.
// The compiled library is shared, not rebuilt; the selection's query is prepared on first use.
func (e *Engine) Select(enable, disable []string) (*Engine, error) {
	match := func(selectors []string) (map[string]bool, error) {
		out := map[string]bool{}
		for _, sel := range selectors {
			n := 0
			for _, r := range e.rules {
				ok, err := matches(r, sel)
				if err != nil {
					return nil, err
				}
				if ok {
					out[r.ID] = true
					n++
				}
			}
			if n == 0 {
				return nil, fmt.Errorf("rule selector %q matches no rule (see tsa rules list)", sel)
			}
		}
		return out, nil
	}
	on, err := match(enable)
	if err != nil {
		return nil, err
	}
	off, err := match(disable)
	if err != nil {
		return nil, err
	}
	var kept []result.Rule
	for _, r := range e.rules {
		if (len(enable) == 0 || on[r.ID]) && !off[r.ID] {
			kept = append(kept, r)
		}
	}
	if len(kept) == len(e.rules) {
		return e, nil
	}
	return e.lib.engine(kept), nil
}

func matches(r result.Rule, selector string) (bool, error) {
	kind, value, ok := strings.Cut(selector, ":")
	if !ok {
		return strings.EqualFold(r.ID, selector), nil
	}
	switch kind {
	case "pillar":
		if !oneOf(value, result.Pillars) {
			return false, fmt.Errorf("rule selector %q: pillar is one of %s", selector, strings.Join(result.Pillars, ", "))
		}
		return r.Pillar == value, nil
	case "product":
		return r.Product == value, nil
	case "severity":
		if !oneOf(value, result.Severities) {
			return false, fmt.Errorf("rule selector %q: severity is one of %s", selector, strings.Join(result.Severities, ", "))
		}
		return r.Severity == value, nil
	}
	return false, fmt.Errorf("rule selector %q: want a rule id, pillar:…, product:… or severity:…", selector)
}

// CheckParams validates parameter overrides against the rules' METADATA defaults: the rule must
// exist, the parameter must be one it declares, and the value must have the default's JSON kind.
func (e *Engine) CheckParams(p Params) error {
	var errs []string
	for id, overrides := range p {
		r, ok := e.Rule(id)
		if !ok {
			errs = append(errs, fmt.Sprintf("params: no rule %s", id))
			continue
		}
		for k, v := range overrides {
			def, ok := r.Params[k]
			if !ok {
				known := make([]string, 0, len(r.Params))
				for name := range r.Params {
					known = append(known, name)
				}
				sort.Strings(known)
				errs = append(errs, fmt.Sprintf("params: rule %s has no parameter %q (it has: %s)", id, k, strings.Join(known, ", ")))
				continue
			}
			if kind(v) != kind(def) {
				errs = append(errs, fmt.Sprintf("params: %s.%s must be a %s like its default %v, got %v", id, k, kind(def), def, v))
			}
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

// kind names a YAML/JSON value's kind.
func kind(v any) string {
	switch v.(type) {
	case int, int64, uint64, float64, float32, int32:
		return "number"
	case string:
		return "string"
	case bool:
		return "boolean"
	case []any:
		return "list"
	case map[string]any:
		return "mapping"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}
