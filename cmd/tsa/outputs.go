package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/tsa-scanner/tsa/report"
	"github.com/tsa-scanner/tsa/result"
)

// outputs are where a scan's result goes: files in --out, or one format on stdout.
type outputs struct {
	dir     string
	writers []report.Writer
	// stdout is set when one --format goes to standard output (no --out); the summary then
	// goes to standard error.
	stdout bool
}

// planOutputs checks --format and --out before anything is collected: every format exists and
// the directory can be written, so a scan never fails at the end for a typo.
func planOutputs(formats []string, dir string) (*outputs, error) {
	o := &outputs{dir: dir}
	seen := map[string]bool{}
	for _, list := range formats {
		for _, name := range strings.Split(list, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			w, err := report.Get(name)
			if err != nil {
				return nil, usageError("--format: %v", err)
			}
			o.writers = append(o.writers, w)
		}
	}
	switch {
	case dir == "" && len(o.writers) > 1:
		return nil, usageError("--format %s: several formats need --out DIR to write them to", strings.Join(formats, ","))
	case dir == "" && len(o.writers) == 1:
		o.stdout = true
		return o, nil
	case dir == "":
		return o, nil
	case len(o.writers) == 0:
		w, _ := report.Get("json")
		o.writers = []report.Writer{w}
	}
	if err := checkWritable(dir); err != nil {
		return nil, usageError("--out %s: %v", dir, err)
	}
	return o, nil
}

// checkWritable creates dir (0700: outputs describe the estate) and proves a file can be
// created in it.
func checkWritable(dir string) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("is a file, not a directory")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tsa-probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// write renders every output; the paths written are returned for the summary.
func (o *outputs) write(stdout io.Writer, res *result.Scan) ([]string, error) {
	if o.stdout {
		err := o.writers[0].Write(stdout, res)
		if errors.Is(err, syscall.EPIPE) {
			err = nil // the reader stopped reading (tsa scan | head): its choice, not a failure
		}
		return nil, err
	}
	var paths []string
	for _, w := range o.writers {
		path := filepath.Join(o.dir, report.FileName(w))
		if err := report.WriteFile(path, w, res); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}
