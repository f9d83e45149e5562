package history

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"strings"
	"testing"
)

// A gzip bomb (a small file that expands past the limit) is refused with a clear error, having
// read no more than the limit.
func TestSnapshotDecompressionIsBounded(t *testing.T) {
	t.Parallel()
	const limit = 1 << 20
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zw.Write([]byte(`{"resources": [`))
	zw.Write(bytes.Repeat([]byte(" "), 4*limit))
	zw.Write([]byte(`]}`))
	zw.Close()
	if bomb.Len() > limit/50 {
		t.Fatalf("the bomb is %d bytes compressed; the test wants a small file", bomb.Len())
	}
	_, err := decodeSnapshot(bytes.NewReader(bomb.Bytes()), limit)
	if err == nil || !strings.Contains(err.Error(), "expands to more than 1 MiB") {
		t.Fatalf("gzip bomb: %v", err)
	}
	// The same inventory under the limit reads.
	if _, err := decodeSnapshot(strings.NewReader(`{"resources": []}`), limit); err != nil {
		t.Fatalf("a small inventory: %v", err)
	}
}

// FuzzSnapshot feeds arbitrary bytes, plain and gzip'd, to the inventory reader: it returns an
// inventory or an error, never panics, and what it returns encodes again.
func FuzzSnapshot(f *testing.F) {
	f.Add([]byte(`{"accounts":[{"uin":"1","regions":["ap-guangzhou"]}],"resources":[{"type":"cvm.instance","id":"ins-1","account":"1","region":"ap-guangzhou","data":{"InstanceId":"ins-1"}}],"coverage":[]}`))
	f.Add([]byte(`{"now":"2026-11-30T00:00:00Z","resources":[{"type":"x","id":"y","data":null,"related":{"a":[1,{"b":null}]},"gaps":[{"action":"vpc:X","code":"E"}]}]}`))
	f.Add([]byte("\x1f\x8b"))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, in := range [][]byte{raw, gzipped(raw)} {
			s, err := decodeSnapshot(bytes.NewReader(in), 1<<20)
			if err != nil {
				continue
			}
			if _, err := json.Marshal(s); err != nil {
				t.Fatalf("a decoded inventory does not encode: %v", err)
			}
		}
	})
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}
