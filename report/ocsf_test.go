package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ocsfSchema is the part of the published OCSF schema the writer is checked against
// (testdata/ocsf/compliance_finding.json says where each definition comes from).
type ocsfSchema struct {
	Class struct {
		Name        string `json:"name"`
		UID         int    `json:"uid"`
		CategoryUID int    `json:"category_uid"`
	} `json:"class"`
	Definitions map[string]struct {
		Extends    string `json:"extends"`
		Attributes map[string]struct {
			Requirement string `json:"requirement"`
			Object      string `json:"object"`
			Array       bool   `json:"array"`
		} `json:"attributes"`
	} `json:"definitions"`
}

func loadOCSFSchema(t *testing.T) *ocsfSchema {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "ocsf", "compliance_finding.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s ocsfSchema
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

// check returns every required attribute that is missing or empty in the event, and every
// class identifier that disagrees with the schema, as attribute paths.
func (s *ocsfSchema) check(event map[string]any) []string {
	var problems []string
	var object func(def string, v map[string]any, path string)
	object = func(def string, v map[string]any, path string) {
		for d := def; d != ""; d = s.Definitions[d].Extends {
			for name, a := range s.Definitions[d].Attributes {
				val, ok := v[name]
				if a.Requirement == "required" && (!ok || empty(val)) {
					problems = append(problems, path+name+" (required by "+d+") is missing")
					continue
				}
				if !ok || a.Object == "" {
					continue
				}
				items := []any{val}
				if a.Array {
					items, _ = val.([]any)
				}
				for i, item := range items {
					m, isObj := item.(map[string]any)
					if !isObj {
						problems = append(problems, fmt.Sprintf("%s%s[%d] is not an object", path, name, i))
						continue
					}
					object(a.Object, m, path+name+".")
				}
			}
		}
	}
	object(s.Class.Name, event, "")
	// The profiles the event declares add their attributes.
	if md, ok := event["metadata"].(map[string]any); ok {
		profiles, _ := md["profiles"].([]any)
		for _, p := range profiles {
			name, _ := p.(string)
			if _, known := s.Definitions["profile:"+name]; !known {
				problems = append(problems, "metadata.profiles names an unknown profile "+name)
				continue
			}
			object("profile:"+name, event, "")
		}
	}
	classUID := s.Class.CategoryUID*1000 + s.Class.UID
	if n(event["class_uid"]) != classUID || n(event["category_uid"]) != s.Class.CategoryUID ||
		n(event["type_uid"]) != classUID*100+n(event["activity_id"]) {
		problems = append(problems, fmt.Sprintf("class %v, category %v, type %v: want class %d, category %d, type %d×100+activity",
			event["class_uid"], event["category_uid"], event["type_uid"], classUID, s.Class.CategoryUID, classUID))
	}
	return problems
}

func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func n(v any) int {
	f, _ := v.(float64)
	return int(f)
}

// TestOCSFEventsHaveEveryRequiredAttribute checks each event the writer produces against the
// published schema's requirements, and checks the checker: an event with any one required
// attribute removed must fail.
func TestOCSFEventsHaveEveryRequiredAttribute(t *testing.T) {
	t.Parallel()
	schema := loadOCSFSchema(t)
	var out bytes.Buffer
	if err := (ocsfWriter{}).Write(&out, sampleScan()); err != nil {
		t.Fatal(err)
	}
	var events []map[string]any
	if err := json.Unmarshal(out.Bytes(), &events); err != nil {
		t.Fatal(err)
	}
	if len(events) != len(sampleScan().Findings) {
		t.Fatalf("%d events for %d findings", len(events), len(sampleScan().Findings))
	}
	for i, e := range events {
		if p := schema.check(e); len(p) > 0 {
			t.Errorf("event %d:\n  %s", i, strings.Join(p, "\n  "))
		}
	}
	// Every required attribute, at the top and inside objects, is caught when removed.
	for _, path := range []string{"metadata", "metadata.product", "metadata.product.name", "metadata.version",
		"finding_info", "finding_info.uid", "compliance", "compliance.standards", "cloud", "cloud.provider",
		"time", "severity_id", "activity_id", "class_uid", "category_uid", "type_uid"} {
		var e map[string]any
		_ = json.Unmarshal(mustJSON(t, events[0]), &e)
		remove(e, strings.Split(path, "."))
		if p := schema.check(e); len(p) == 0 {
			t.Errorf("the check passes an event without %s", path)
		}
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func remove(m map[string]any, path []string) {
	if len(path) == 1 {
		delete(m, path[0])
		return
	}
	if sub, ok := m[path[0]].(map[string]any); ok {
		remove(sub, path[1:])
	}
}
