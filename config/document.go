package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// Document is a user's YAML file decoded strictly, with its node tree kept so that later checks
// can name the line of the key they refuse.
type Document struct {
	Name string // the file, as errors name it
	Root *yaml.Node
}

// Decode reads raw into v, refusing unknown keys and values of the wrong kind with errors that
// name file:line and the key.
func Decode(name string, raw []byte, v any) (*Document, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return nil, describe(name, &root, err)
	}
	return &Document{Name: name, Root: &root}, nil
}

// Errorf formats an error about the key at path (dotted: "window.end", "scope.accounts.0") as
// file:line: path: message.
func (d *Document) Errorf(path, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s: %s", d.Name, lineOf(d.Root, path), path, fmt.Sprintf(format, args...))
}

// Has reports whether the document sets the key at a dotted path of mapping keys.
func (d *Document) Has(path string) bool {
	n := d.Root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, seg := range strings.Split(path, ".") {
		if n.Kind != yaml.MappingNode {
			return false
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == seg {
				next = n.Content[i+1]
			}
		}
		if next == nil {
			return false
		}
		n = next
	}
	return true
}
