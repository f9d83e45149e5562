package tickets

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/scanner/history"
)

// fakeClock tells a fixed time and records the waits it is asked for instead of waiting.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	return nil
}

// receiver is a webhook endpoint that verifies signatures, remembers idempotency keys and
// answers with the statuses it is given, then 200.
type receiver struct {
	t        testing.TB
	secret   []byte
	clock    *fakeClock
	mu       sync.Mutex
	statuses []int
	posts    int
	keys     map[string]int // idempotency key → posts accepted with it
	events   []string
}

func newReceiver(t testing.TB, secret string, clock *fakeClock, statuses ...int) (*receiver, *httptest.Server) {
	r := &receiver{t: t, secret: []byte(secret), clock: clock, statuses: statuses, keys: map[string]int{}}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return r, srv
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.posts++
	if err := Verify(r.secret, req.Header.Get(HeaderTimestamp), req.Header.Get(HeaderSignature), body, r.clock.now); err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	if len(r.statuses) > 0 {
		status := r.statuses[0]
		r.statuses = r.statuses[1:]
		if status != http.StatusOK {
			w.WriteHeader(status)
			return
		}
	}
	key := req.Header.Get(HeaderIdempotency)
	if r.keys[key] > 0 {
		w.WriteHeader(http.StatusConflict) // a replay: recognised, not processed again
		return
	}
	r.keys[key]++
	r.events = append(r.events, req.Header.Get(HeaderEvent))
}

// seen returns what the receiver got: posts, distinct idempotency keys accepted, and events.
func (r *receiver) seen() (posts, accepted int, events []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.posts, len(r.keys), append([]string(nil), r.events...)
}

func testChange(kind string) Change {
	t := Ticket{ID: 7, Key: "TSA-CVM-201|100012345678", State: Open, RuleID: "TSA-CVM-201", Severity: "high", Account: "100012345678", Plan: "basic",
		Items: []Item{{Fingerprint: "f1", ResourceID: "ins-1", Region: "ap-guangzhou", Message: "expires in 4 days"}}}
	ev := history.TicketEvent{ID: 3, TicketID: 7, ScanID: 1, Kind: kind, At: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	return Change{Ticket: t, Event: ev, IdempotencyKey: idempotencyKey(t, ev)}
}

func TestWebhookDelivery(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name         string
		secret       string // the sender's; the receiver's is "s3cret"
		statuses     []int
		retries      int
		wantAttempts int
		wantErr      string
		wantSleeps   []time.Duration
		wantAccepted int
	}{
		{name: "signature verified", secret: "s3cret", wantAttempts: 1, wantAccepted: 1},
		{name: "retry on 500 then success", secret: "s3cret", statuses: []int{500, 502}, retries: 3, wantAttempts: 3,
			wantSleeps: []time.Duration{time.Second, 2 * time.Second}, wantAccepted: 1},
		{name: "dead after the last retry", secret: "s3cret", statuses: []int{500, 500, 500}, retries: 2, wantAttempts: 3,
			wantErr: "HTTP 500", wantSleeps: []time.Duration{time.Second, 2 * time.Second}},
		{name: "a wrong signature is refused, not retried", secret: "other", retries: 3, wantAttempts: 1, wantErr: "HTTP 401"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := &fakeClock{now: now}
			rcv, srv := newReceiver(t, "s3cret", clock, tt.statuses...)
			out := NewWebhook(srv.URL, tt.secret, tt.retries, srv.Client(), clock).Deliver(context.Background(), testChange(EventOpened))
			posts, accepted, _ := rcv.seen()
			if out.Attempts != tt.wantAttempts || posts != tt.wantAttempts {
				t.Fatalf("attempts %d, receiver saw %d, want %d", out.Attempts, posts, tt.wantAttempts)
			}
			if (out.Err == nil) != (tt.wantErr == "") || out.Err != nil && !strings.Contains(out.Err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want %q", out.Err, tt.wantErr)
			}
			if accepted != tt.wantAccepted || len(clock.sleeps) != len(tt.wantSleeps) {
				t.Fatalf("accepted %d, sleeps %v; want %d, %v", accepted, clock.sleeps, tt.wantAccepted, tt.wantSleeps)
			}
			for i, d := range tt.wantSleeps {
				if clock.sleeps[i] != d {
					t.Fatalf("sleeps %v, want %v", clock.sleeps, tt.wantSleeps)
				}
			}
			if !strings.Contains(string(out.Payload), `"idempotency_key"`) {
				t.Fatalf("payload: %s", out.Payload)
			}
		})
	}
}

func TestWebhookReplayIsRecognised(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)}
	rcv, srv := newReceiver(t, "s3cret", clock)
	w := NewWebhook(srv.URL, "s3cret", 1, srv.Client(), clock)
	c := testChange(EventOpened)
	for range 2 {
		if out := w.Deliver(context.Background(), c); out.Err != nil {
			t.Fatal(out.Err)
		}
	}
	other := testChange(EventResolved)
	if out := w.Deliver(context.Background(), other); out.Err != nil {
		t.Fatal(out.Err)
	}
	if posts, accepted, events := rcv.seen(); posts != 3 || accepted != 2 || len(events) != 2 || c.IdempotencyKey == other.IdempotencyKey {
		t.Fatalf("posts %d, distinct keys %d, events %v", posts, accepted, events)
	}
}

func TestVerifyRefusesStaleTimestamps(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	body := []byte(`{"event":"opened"}`)
	ts := unixSeconds(now.Add(-10 * time.Minute))
	if err := Verify([]byte("k"), ts, Sign([]byte("k"), ts, body), body, now); err == nil || !strings.Contains(err.Error(), "away from now") {
		t.Fatalf("a 10-minute-old signature was accepted: %v", err)
	}
	ts = unixSeconds(now)
	if err := Verify([]byte("k"), ts, Sign([]byte("k"), ts, append(body, ' ')), body, now); err == nil {
		t.Fatal("a signature of another body was accepted")
	}
}
