package report

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tsa-scanner/tsa/result"
)

// WriteJSON writes v as indented JSON to path atomically: a crash never leaves a half-written
// file where a previous good one was.
func WriteJSON(path string, v any) error {
	return writeAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	})
}

// WriteFile renders the scan with wr into path atomically.
func WriteFile(path string, wr Writer, s *result.Scan) error {
	return writeAtomic(path, func(w io.Writer) error { return wr.Write(w, s) })
}

// writeAtomic writes a temporary file beside path (mode 0600: outputs hold the estate's
// details) and renames it over path once complete and synced.
func writeAtomic(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
