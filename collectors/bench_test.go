package collectors

import (
	"encoding/json"
	"hash/maphash"
	"testing"

	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"

	"github.com/tsa-scanner/tsa/fixtures"
)

// BenchmarkPageItemDigest measures what the pager spends per item to notice a page that repeats
// items already read: one JSON encoding and one hash of the SDK model, here a demo CVM instance.
// BenchmarkPageItemDecode is the SDK's own decoding of the same item, for scale.
func BenchmarkPageItemDigest(b *testing.B) {
	in := demoInstance(b)
	seed := maphash.MakeSeed()
	b.ReportAllocs()
	for b.Loop() {
		_ = maphash.Bytes(seed, mustJSON(in))
	}
}

func BenchmarkPageItemDecode(b *testing.B) {
	raw := mustJSON(demoInstance(b))
	b.ReportAllocs()
	for b.Loop() {
		var in cvm.Instance
		if err := json.Unmarshal(raw, &in); err != nil {
			b.Fatal(err)
		}
	}
}

func demoInstance(b *testing.B) *cvm.Instance {
	sc, err := fixtures.LoadEmbedded("demo")
	if err != nil {
		b.Fatal(err)
	}
	doc, _ := sc.Get(shopUIN, "ap-guangzhou", "cvm", "DescribeInstances")
	var resp cvm.DescribeInstancesResponseParams
	if err := json.Unmarshal(mustJSON(doc), &resp); err != nil || len(resp.InstanceSet) == 0 {
		b.Fatalf("no demo instance: %v", err)
	}
	return resp.InstanceSet[0]
}
