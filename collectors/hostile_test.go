package collectors

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

// hostileEndpoint is an API endpoint that answers DescribeInstances with serve and every other
// action with an empty answer, and counts the DescribeInstances requests it got.
type hostileEndpoint struct {
	*httptest.Server
	lists atomic.Int64
}

func newHostile(t *testing.T, serve func(w http.ResponseWriter, r *http.Request)) *hostileEndpoint {
	t.Helper()
	h := &hostileEndpoint{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-TC-Action") != "DescribeInstances" {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"Response":{"TotalCount":0,"RequestId":"r"}}`)
			return
		}
		h.lists.Add(1)
		serve(w, r)
	}))
	t.Cleanup(h.Close)
	return h
}

// collectFrom runs the CVM collector against an endpoint with tight limits and a fake retry
// clock, and returns the client and the clock.
func collectFrom(t *testing.T, endpoint string, s Settings) (*Client, *Caller, *fakeSleep) {
	t.Helper()
	clock := &fakeSleep{}
	s.Endpoint, s.Sleep, s.RateFactor = endpoint, clock.sleep, 100
	if s.Timeout == 0 {
		s.Timeout = 5 * time.Second
	}
	if s.MaxBody == 0 {
		s.MaxBody = 1 << 20
	}
	caller, err := NewCaller(s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(caller.Close)
	c := caller.Client(shopUIN, "ap-guangzhou", common.NewCredential("AKIDhostile", "key"))
	if _, err := collectCVM(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c, caller, clock
}

func writeJSON(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, body)
}

// heapAllocs is the bytes allocated on the heap so far by the whole process.
func heapAllocs() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestHugeAnswerIsCappedNotRead: an endless answer is read up to the cap, then the call fails
// (not retried: the same answer comes again), and memory stays bounded by the cap, not the body.
func TestHugeAnswerIsCappedNotRead(t *testing.T) {
	chunk := strings.Repeat(`{"InstanceName":"`+strings.Repeat("a", 1000)+`"},`, 64)
	h := newHostile(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"Response":{"InstanceSet":[`)
		for sent := 0; sent < 512<<20; sent += len(chunk) { // 512 MiB, unless the client hangs up
			if _, err := io.WriteString(w, chunk); err != nil {
				return
			}
		}
	})
	before := heapAllocs()
	c, _, clock := collectFrom(t, h.URL, Settings{})
	allocated := heapAllocs() - before
	t.Logf("collecting from a 512 MiB answer allocated %.1f MiB under a 1 MiB cap", float64(allocated)/(1<<20))
	cov := coverageOf(t, c, "cvm:DescribeInstances")
	if cov.OK || cov.Code != CodeTooLarge || !strings.Contains(cov.Message, "larger than 1 MiB") {
		t.Fatalf("coverage: %+v", cov)
	}
	if n := h.lists.Load(); n != 1 {
		t.Errorf("%d requests; a too-large answer is not asked for again", n)
	}
	if n, _ := clock.total(); n != 0 {
		t.Errorf("%d backoffs", n)
	}
	// The cap is 1 MiB; reading the answer would allocate hundreds.
	if allocated > 48<<20 {
		t.Errorf("the collection allocated %d MiB for a 1 MiB cap", allocated>>20)
	}
}

// TestDeclaredHugeAnswerIsRefusedUnread: an answer that announces a length beyond the cap is
// refused before its body is read.
func TestDeclaredHugeAnswerIsRefusedUnread(t *testing.T) {
	t.Parallel()
	h := newHostile(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", fmt.Sprint(int64(2)<<30))
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, `{"Response":`)
	})
	c, _, _ := collectFrom(t, h.URL, Settings{})
	if cov := coverageOf(t, c, "cvm:DescribeInstances"); cov.OK || cov.Code != CodeTooLarge {
		t.Fatalf("coverage: %+v", cov)
	}
}

// TestDripAnswerTimesOut: an answer that drips a byte at a time never holds a call past the
// per-call timeout, and each retry gets the same bound.
func TestDripAnswerTimesOut(t *testing.T) {
	t.Parallel()
	h := newHostile(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"Response":{"InstanceSet":[`)
		for {
			if _, err := io.WriteString(w, " "); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	started := time.Now()
	c, _, clock := collectFrom(t, h.URL, Settings{Timeout: 300 * time.Millisecond, MaxRetries: 1})
	cov := coverageOf(t, c, "cvm:DescribeInstances")
	if cov.OK || cov.Code != CodeTimeout || !strings.Contains(cov.Message, "300ms") {
		t.Fatalf("coverage: %+v", cov)
	}
	if n := h.lists.Load(); n != 2 {
		t.Errorf("%d attempts, want 2 (one retry)", n)
	}
	if n, _ := clock.total(); n != 1 {
		t.Errorf("%d backoffs, want 1", n)
	}
	if elapsed := time.Since(started); elapsed > 20*time.Second {
		t.Errorf("two 300 ms attempts took %v", elapsed)
	}
}

// TestEndlessListStopsAtThePageCeiling: a TotalCount of 1e9 with one new item a page stops at
// the per-list page ceiling and leaves the list incomplete; one item repeated stops at once.
func TestEndlessListStopsAtThePageCeiling(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		id    func(offset string) string
		pages int64
		want  string
	}{
		{"new item every page", func(offset string) string { return "ins-" + offset }, 50, "stopped after 50 pages"},
		{"same item every page", func(string) string { return "ins-same" }, 2, "repeats items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHostile(t, func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				offset := strings.TrimSuffix(strings.SplitN(string(body), `"Offset":`, 2)[1], "}")
				offset, _, _ = strings.Cut(offset, ",")
				writeJSON(w, fmt.Sprintf(`{"Response":{"TotalCount":1000000000,"InstanceSet":[{"InstanceId":%q}],"RequestId":"r"}}`, tt.id(offset)))
			})
			c, _, _ := collectFrom(t, h.URL, Settings{MaxPages: 50})
			cov := coverageOf(t, c, "cvm:DescribeInstances")
			if cov.OK || cov.Code != CodeIncomplete || !strings.Contains(cov.Message, tt.want) {
				t.Fatalf("coverage: %+v", cov)
			}
			if n := h.lists.Load(); n != tt.pages {
				t.Errorf("%d pages read, want %d", n, tt.pages)
			}
		})
	}
}

// TestRedirectIsNotFollowed: the signed request and its token never reach the host a redirect
// names.
func TestRedirectIsNotFollowed(t *testing.T) {
	t.Parallel()
	var reached atomic.Int64
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached.Add(1) }))
	defer elsewhere.Close()
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		h := newHostile(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, elsewhere.URL+"/steal", status)
		})
		c, _, clock := collectFrom(t, h.URL, Settings{})
		cov := coverageOf(t, c, "cvm:DescribeInstances")
		if cov.OK || cov.Code != CodeRedirect || !strings.Contains(cov.Message, fmt.Sprint(status)) {
			t.Fatalf("HTTP %d: coverage %+v", status, cov)
		}
		if n, _ := clock.total(); n != 0 || h.lists.Load() != 1 {
			t.Errorf("HTTP %d: retried a redirect", status)
		}
	}
	if reached.Load() != 0 {
		t.Fatalf("%d requests followed the redirect", reached.Load())
	}
}

// TestHostileMessagesAreShortAndPrintable: an error message with terminal escapes, line breaks,
// invalid UTF-8 and a megabyte of text is kept short and printable, and so is the error code.
func TestHostileMessagesAreShortAndPrintable(t *testing.T) {
	t.Parallel()
	h := newHostile(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"Response":{"Error":{"Code":"InvalidParameter\u001b[31m","Message":"\u001b[2J\r\nUNREAD  fake line \u202e`)
		w.Write([]byte{0xff, 0xfe})
		io.WriteString(w, strings.Repeat("x", 1<<20)+`"},"RequestId":"r"}}`)
	})
	c, _, _ := collectFrom(t, h.URL, Settings{MaxBody: 4 << 20})
	cov := coverageOf(t, c, "cvm:DescribeInstances")
	for what, s := range map[string]string{"code": cov.Code, "message": cov.Message} {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\x1b\r\n\u202e") || len(s) > MaxMessageLen+len("…") {
			t.Errorf("%s not short and printable (%d bytes): %.200q", what, len(s), s)
		}
	}
	if !strings.Contains(cov.Message, `\x1b[2J\r\nUNREAD`) {
		t.Errorf("message does not show what was escaped: %.200q", cov.Message)
	}
}

// TestDeepNestingIsPermanent: an answer nested deeper than MaxJSONDepth fails once, as it is
// read, before the SDK's decoder (which has no depth limit) sees it.
func TestDeepNestingIsPermanent(t *testing.T) {
	t.Parallel()
	h := newHostile(t, func(w http.ResponseWriter, r *http.Request) {
		// A field the SDK's model does not have: the decoder would skip it level by level.
		writeJSON(w, `{"Response":{"Deep":`+strings.Repeat("[", 50000)+strings.Repeat("]", 50000)+`}}`)
	})
	c, _, _ := collectFrom(t, h.URL, Settings{})
	cov := coverageOf(t, c, "cvm:DescribeInstances")
	if cov.OK || cov.Code != CodeTooDeep || !strings.Contains(cov.Message, "nested deeper than 1000 levels") {
		t.Fatalf("coverage: %+v", cov)
	}
	if h.lists.Load() != 1 {
		t.Errorf("%d attempts", h.lists.Load())
	}
}

// TestStatusStormsAreRetriedThenBounded: 429 and 5xx storms are retried with backoff up to the
// limit, without their bodies in the message; a 5xx storm then makes the region unreachable, so
// its other calls get one attempt each. The backoffs come from the fake clock: no test sleeps.
func TestStatusStormsAreRetriedThenBounded(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
		h := newHostile(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(status)
			io.WriteString(w, "<html><body>"+strings.Repeat("storm ", 10000)+"</body></html>")
		})
		c, caller, clock := collectFrom(t, h.URL, Settings{MaxRetries: 4, RetryBase: 100 * time.Millisecond})
		cov := coverageOf(t, c, "cvm:DescribeInstances")
		want := fmt.Sprintf("the endpoint answered HTTP %d %s", status, http.StatusText(status))
		if cov.OK || cov.Code != "ClientError.HttpStatusCodeError" || cov.Message != want {
			t.Fatalf("HTTP %d: coverage %+v", status, cov)
		}
		if n := h.lists.Load(); n != 5 {
			t.Errorf("HTTP %d: %d attempts, want 5", status, n)
		}
		n, slept := clock.total()
		// Full jitter below 100, 200, 400 and 800 ms.
		if n != 4 || slept <= 0 || slept > 1500*time.Millisecond {
			t.Errorf("HTTP %d: %d backoffs over %v", status, n, slept)
		}
		if !caller.isUnreachable(shopUIN, "ap-guangzhou") {
			t.Errorf("HTTP %d: the region is not marked unreachable after the storm", status)
		}
	}
}

// TestSecurityDocListsEveryLimitAndCode keeps docs/security.md true: it states each limit's
// default and every code tsa gives a failure it detects.
func TestSecurityDocListsEveryLimitAndCode(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../docs/security.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	for _, want := range []string{
		fmt.Sprintf("| %d MiB |", DefaultMaxBody>>20), fmt.Sprintf("| %d pages |", DefaultMaxPages),
		fmt.Sprintf("| %d |", DefaultMaxRegions), fmt.Sprintf("| %d levels |", MaxJSONDepth),
		fmt.Sprintf("| %d bytes |", MaxMessageLen), fmt.Sprintf("%d %%", int(DefaultRateFactor*100)),
		CodeInterrupted, CodeTimeout, CodeTooLarge, CodeTooDeep, CodeRedirect, CodeNotXML, CodeIncomplete,
		CodeClockSkew, CodeNotReadOnly, CodeRegions, CodeRegionName,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("docs/security.md does not say %q", want)
		}
	}
}

// TestDiscoveredRegionsAreValidatedAndCapped: region discovery refuses more regions than the cap
// and names that are not region names, with a clear error, instead of planning a scan over them.
func TestDiscoveredRegionsAreValidatedAndCapped(t *testing.T) {
	t.Parallel()
	regionSet := func(names ...string) string {
		var set []map[string]string
		for _, n := range names {
			set = append(set, map[string]string{"Region": n, "RegionState": "AVAILABLE"})
		}
		b, _ := json.Marshal(map[string]any{"Response": map[string]any{"TotalCount": len(names), "RegionSet": set, "RequestId": "r"}})
		return string(b)
	}
	many := make([]string, 20001)
	for i := range many {
		many[i] = fmt.Sprintf("ap-r%d", i)
	}
	tests := []struct {
		name, answer, code, want string
	}{
		{"20001 regions", regionSet(many...), CodeRegions, "listed 20001 regions; tsa scans at most 64"},
		{"terminal escape", regionSet("ap-guangzhou", "ap-\x1b[2Jevil"), CodeRegionName, `"ap-\x1b[2Jevil"`},
		{"path", regionSet("../../etc"), CodeRegionName, "not a region name"},
		{"real names", regionSet("ap-shanghai-fsi", "na-siliconvalley", "ap-guangzhou"), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeJSON(w, tt.answer) }))
			defer srv.Close()
			caller, err := NewCaller(Settings{Endpoint: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			defer caller.Close()
			regions, err := DiscoverRegions(context.Background(), caller.Client(shopUIN, "", common.NewCredential("AKIDhostile", "key")))
			if tt.code == "" {
				if err != nil || strings.Join(regions, ",") != "ap-guangzhou,ap-shanghai-fsi,na-siliconvalley" {
					t.Fatalf("regions %v, err %v", regions, err)
				}
				return
			}
			if ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.want) || regions != nil {
				t.Fatalf("regions %d, err %v", len(regions), err)
			}
		})
	}
}
