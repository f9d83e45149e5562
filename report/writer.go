package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tsa-scanner/tsa/result"
)

// Writer renders a finished scan in one output format. Every format tsa writes (json, csv,
// ocsf, markdown, html, …) is one Writer, registered in writers.
type Writer interface {
	// Format is the name given to --format, also the output file's extension.
	Format() string
	// Write renders the scan to w.
	Write(w io.Writer, s *result.Scan) error
}

// writers are the output formats by name.
var writers = map[string]Writer{}

func register(w Writer) { writers[w.Format()] = w }

func init() {
	for _, w := range []Writer{jsonWriter{}, csvWriter{}, ocsfWriter{}, markdownWriter{}} {
		register(w)
	}
}

// FileName is the name of the file a writer's output goes to in an output directory: the
// writer's own (FileName() string) when it has one, else findings.<format>.
func FileName(w Writer) string {
	if n, ok := w.(interface{ FileName() string }); ok {
		return n.FileName()
	}
	return "findings." + w.Format()
}

// Get returns the writer for a format name, or an error listing the formats there are.
func Get(format string) (Writer, error) {
	if w, ok := writers[strings.ToLower(format)]; ok {
		return w, nil
	}
	return nil, fmt.Errorf("unknown output format %q (formats: %s)", format, strings.Join(Formats(), ", "))
}

// Formats lists the format names, sorted.
func Formats() []string {
	out := make([]string, 0, len(writers))
	for f := range writers {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// jsonWriter writes the whole scan as indented JSON (schema: docs/findings.md).
type jsonWriter struct{}

func (jsonWriter) Format() string { return "json" }

func (jsonWriter) Write(w io.Writer, s *result.Scan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}
