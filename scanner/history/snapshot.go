package history

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/inventory"
)

// Snapshot is an inventory with the clock it is to be judged against. Its JSON is the
// inventory's own with two more keys, so a plain inventory file reads as a Snapshot without a
// clock, and a Snapshot file reads as a plain inventory.
type Snapshot struct {
	// Now is the time rules judge ages and expiries against; zero when unknown.
	Now time.Time `json:"now,omitzero"`
	// CollectedAt is when collection finished.
	CollectedAt time.Time `json:"collected_at,omitzero"`
	inventory.Inventory
}

// encodeSnapshot returns a snapshot as gzip'd JSON and the uncompressed size.
func encodeSnapshot(s *Snapshot) ([]byte, int, error) {
	raw, err := json.Marshal(s)
	if err != nil {
		return nil, 0, err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if _, err := zw.Write(raw); err != nil {
		return nil, 0, err
	}
	if err := zw.Close(); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), len(raw), nil
}

// MaxSnapshotSize bounds an inventory once decompressed: a 100,000-resource estate is about
// 50 MiB of JSON, while a small gzip bomb expands to gigabytes.
const MaxSnapshotSize = 1 << 30

// MaxSnapshotFile bounds an inventory file as it is on disk.
const MaxSnapshotFile = 512 << 20

// decodeSnapshot reads JSON, gzip'd or not (told apart by gzip's magic bytes), refusing more
// than limit bytes of JSON.
func decodeSnapshot(r io.Reader, limit int64) (*Snapshot, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(2) // fewer than two bytes: not gzip; the JSON decoder says what is wrong
	var src io.Reader = br
	if bytes.Equal(head, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		src = zr
	}
	limited := &io.LimitedReader{R: src, N: limit + 1}
	s := &Snapshot{}
	dec := json.NewDecoder(limited)
	if err := dec.Decode(s); err != nil {
		if limited.N <= 0 {
			return nil, fmt.Errorf("the inventory expands to more than %d MiB of JSON, tsa's limit", limit>>20)
		}
		return nil, err
	}
	return s, nil
}

// ReadSnapshot reads an inventory file written by WriteSnapshot (or a plain inventory JSON),
// gzip'd or not. It must be a regular file of at most MaxSnapshotFile bytes.
func ReadSnapshot(path string) (*Snapshot, error) {
	f, err := config.OpenRegular(path, MaxSnapshotFile)
	if err != nil {
		return nil, fmt.Errorf("reading inventory: %w", err)
	}
	defer f.Close()
	s, err := decodeSnapshot(f, MaxSnapshotSize)
	if err != nil {
		return nil, fmt.Errorf("reading inventory %s: %w", path, err)
	}
	return s, nil
}

// WriteSnapshot writes an inventory file atomically (a crash never leaves half a file where a
// good one was), gzip'd when path ends in .gz.
func WriteSnapshot(path string, s *Snapshot) error {
	var data []byte
	if strings.HasSuffix(path, ".gz") {
		gz, _, err := encodeSnapshot(s)
		if err != nil {
			return err
		}
		data = gz
	} else {
		raw, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			return err
		}
		data = append(raw, '\n')
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
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
