package report

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Notes are what the TAM adds to a monthly report (tam.yaml): the customer's name, the TAM,
// a narrative for the summary, curated recommendations, and the requirements, projects and
// optimisations tables. docs/report.md has an example.
type Notes struct {
	Customer        string         `yaml:"customer"`
	TAM             string         `yaml:"tam"`
	Narrative       Text           `yaml:"narrative"`
	Recommendations []NoteItem     `yaml:"recommendations"`
	Requirements    []NoteTableRow `yaml:"requirements"`
	Projects        []NoteTableRow `yaml:"projects"`
	Optimisations   []NoteTableRow `yaml:"optimisations"`

	// Path is the file the notes came from, for errors.
	Path string `yaml:"-"`
}

// NoteItem is a curated recommendation.
type NoteItem struct {
	Title     Text     `yaml:"title"`
	Rationale Text     `yaml:"rationale"`
	Rules     []string `yaml:"rules"`
	Findings  []string `yaml:"findings"` // finding ids (tsa findings shows them)
	Priority  string   `yaml:"priority"` // high, medium, low
	Status    string   `yaml:"status"`   // open, in_progress, done
	Owner     string   `yaml:"owner"`
	Due       Day      `yaml:"due"`

	lines map[string]int // finding id → line, for errors found later
}

// NoteTableRow is a row of the TAM's requirements, projects or optimisations.
type NoteTableRow struct {
	Title    Text   `yaml:"title"`
	Status   string `yaml:"status"`
	Owner    string `yaml:"owner"`
	Due      Day    `yaml:"due"`
	Progress *int   `yaml:"progress"` // percent done
	Note     Text   `yaml:"note"`
}

func (r NoteTableRow) row(lang string) NoteRow {
	return NoteRow{Title: r.Title.In(lang), Status: r.Status, Owner: r.Owner, Due: r.Due.String(), Progress: r.Progress, Note: r.Note.In(lang)}
}

// Text is a note's text: one string for every language, or a map by language
// ({zh-CN: …, en: …}).
type Text map[string]string

// UnmarshalYAML reads a string or a map of language to string.
func (t *Text) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*t = Text{"": n.Value}
		return nil
	case yaml.MappingNode:
		m := map[string]string{}
		if err := n.Decode(&m); err != nil {
			return err
		}
		for lang := range m {
			if !slices.Contains(Languages, lang) {
				return fmt.Errorf("line %d: language %q: want %s", n.Line, lang, strings.Join(Languages, " or "))
			}
		}
		*t = m
		return nil
	}
	return fmt.Errorf("line %d: want a text or a map of language to text", n.Line)
}

// In returns the text in lang, else the text for every language, else any language's (the
// first in Languages).
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok {
		return s
	}
	if s, ok := t[""]; ok {
		return s
	}
	for _, l := range Languages {
		if s, ok := t[l]; ok {
			return s
		}
	}
	return ""
}

// Day is a calendar date written 2026-12-15.
type Day struct{ time.Time }

// UnmarshalYAML reads a date and says on which line one is wrong.
func (d *Day) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse(time.DateOnly, n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a date (write 2026-12-15)", n.Line, n.Value)
	}
	d.Time = t
	return nil
}

// String is the date as written, or "" when unset.
func (d Day) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// maxNotes bounds a notes file: it is typed by a person.
const maxNotes = 1 << 20

var (
	priorities = []string{"high", "medium", "low"}
	statuses   = []string{"open", "in_progress", "done", "blocked"}
	findingID  = regexp.MustCompile(`^[0-9a-f]{16}$`)
	yamlLine   = regexp.MustCompile(`line (\d+): `)
)

// LoadNotes reads a notes file. Every error names the file and line: an unknown key, a bad
// date, a priority or status that is not one of the known ones, a malformed finding id. Whether
// a finding exists is checked when the report is built (Build), against the store.
func LoadNotes(path string) (*Notes, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	if st.Size() > maxNotes {
		return nil, fmt.Errorf("%s: %d bytes, more than the %d a notes file may have", path, st.Size(), maxNotes)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	return ParseNotes(path, raw)
}

// ParseNotes parses notes; name is used in errors.
func ParseNotes(name string, raw []byte) (*Notes, error) {
	n := &Notes{Path: name}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(n); err != nil {
		return nil, notesError(name, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, notesError(name, err)
	}
	for i := range n.Recommendations {
		r := &n.Recommendations[i]
		item := nodeAt(&root, "recommendations", i)
		line := func(key string) int { return lineOf(item, key) }
		if strings.TrimSpace(r.Title.In("en")) == "" {
			return nil, fmt.Errorf("%s:%d: recommendation %d has no title", name, item.Line, i+1)
		}
		if r.Priority == "" {
			r.Priority = "medium"
		} else if !slices.Contains(priorities, r.Priority) {
			return nil, fmt.Errorf("%s:%d: priority %q: want one of %s", name, line("priority"), r.Priority, strings.Join(priorities, ", "))
		}
		if r.Status == "" {
			r.Status = "open"
		} else if !slices.Contains(statuses, r.Status) {
			return nil, fmt.Errorf("%s:%d: status %q: want one of %s", name, line("status"), r.Status, strings.Join(statuses, ", "))
		}
		r.lines = map[string]int{}
		ids := valueOf(item, "findings")
		for j, id := range r.Findings {
			l := item.Line
			if ids != nil && j < len(ids.Content) {
				l = ids.Content[j].Line
			}
			if !findingID.MatchString(id) {
				return nil, fmt.Errorf("%s:%d: finding id %q: want the 16 hex digits tsa findings shows", name, l, id)
			}
			r.lines[id] = l
		}
	}
	for key, rows := range map[string][]NoteTableRow{"requirements": n.Requirements, "projects": n.Projects, "optimisations": n.Optimisations} {
		for i, r := range rows {
			item := nodeAt(&root, key, i)
			if strings.TrimSpace(r.Title.In("en")) == "" {
				return nil, fmt.Errorf("%s:%d: %s entry %d has no title", name, item.Line, key, i+1)
			}
			if r.Progress != nil && (*r.Progress < 0 || *r.Progress > 100) {
				return nil, fmt.Errorf("%s:%d: progress %d: want 0 to 100", name, lineOf(item, "progress"), *r.Progress)
			}
		}
	}
	return n, nil
}

// findingLine is the line a finding id was written on.
func (r NoteItem) findingLine(id string) int { return r.lines[id] }

// notesError rewrites yaml's "line N: …" as "file:N: …", one error per line.
func notesError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	var out []string
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if m := yamlLine.FindStringSubmatch(l); m != nil {
			rest := strings.Replace(l, m[0], "", 1)
			rest = strings.Replace(rest, " not found in type report.", " is not a known key of ", 1)
			out = append(out, fmt.Sprintf("%s:%s: %s", name, m[1], rest))
			continue
		}
		out = append(out, name+": "+l)
	}
	return fmt.Errorf("%s", strings.Join(out, "\n"))
}

// nodeAt returns the i-th item of a top-level list, or the document node when absent.
func nodeAt(root *yaml.Node, key string, i int) *yaml.Node {
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if list := valueOf(doc, key); list != nil && i < len(list.Content) {
		return list.Content[i]
	}
	return doc
}

// valueOf returns a mapping's value node for key.
func valueOf(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// lineOf is the line of a mapping's key, or the mapping's own line.
func lineOf(m *yaml.Node, key string) int {
	if v := valueOf(m, key); v != nil {
		return v.Line
	}
	return m.Line
}
