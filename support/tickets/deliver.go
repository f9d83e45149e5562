package tickets

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/tsa-scanner/tsa/scanner/history"
)

// Change is one ticket event on its way to the sinks.
type Change struct {
	Ticket Ticket
	Event  history.TicketEvent
	// IdempotencyKey is the same for every attempt and every replay of this event, so a
	// receiver can tell a retry from news.
	IdempotencyKey string
}

// idempotencyKey derives a change's key from what makes it unique, not from ledger ids, so a
// ledger rebuilt from scratch does not reuse the keys of an older one.
func idempotencyKey(t Ticket, ev history.TicketEvent) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%d\x00%s", t.Key, ev.Kind, ev.ScanID, ev.At.UTC().Format(time.RFC3339Nano))))
	return hex.EncodeToString(h[:16])
}

// Outcome is what a sink did with a change.
type Outcome struct {
	Skipped  bool // the sink does not take this change (robots take new high tickets only)
	Attempts int
	Err      error
	Payload  []byte // what was sent, kept with a dead letter
}

// Sink receives ticket changes after the ledger has them: the webhook, the group robots and the
// console drafts.
type Sink interface {
	Name() string
	Deliver(ctx context.Context, c Change) Outcome
}

// Clock tells the time and waits; tests give a fake one so retries take no time.
type Clock interface {
	Now() time.Time
	Sleep(ctx context.Context, d time.Duration) error
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// Sleep waits for d or until ctx ends.
func (SystemClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// poster sends JSON with bounded retries: a 5xx, a 429 or a network error is retried with
// exponential backoff (1s, 2s, 4s, … at most 30s); anything else is final.
type poster struct {
	client  *http.Client
	clock   Clock
	retries int
}

// maxResponse bounds how much of a receiver's answer is read.
const maxResponse = 64 << 10

// errPermanent marks a failure retrying cannot fix.
var errPermanent = errors.New("permanent")

// post sends body to the URL build returns (called per attempt, so signatures and timestamps
// are fresh) and hands a 2xx answer to check. It returns the attempts made.
func (p *poster) post(ctx context.Context, build func(now time.Time) (*http.Request, error), check func(status int, body []byte) error) (int, error) {
	var err error
	for attempt := 1; ; attempt++ {
		err = p.once(ctx, build, check)
		if err == nil || errors.Is(err, errPermanent) || attempt > p.retries || ctx.Err() != nil {
			return attempt, err
		}
		backoff := min(time.Second<<(attempt-1), 30*time.Second)
		if serr := p.clock.Sleep(ctx, backoff); serr != nil {
			return attempt, fmt.Errorf("%w (gave up waiting to retry: %v)", err, serr)
		}
	}
}

func (p *poster) once(ctx context.Context, build func(now time.Time) (*http.Request, error), check func(status int, body []byte) error) error {
	req, err := build(p.clock.Now())
	if err != nil {
		return fmt.Errorf("%w: %v", errPermanent, err)
	}
	resp, err := p.client.Do(req.WithContext(ctx))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL may hold a robot's key: never repeat it
		}
		return fmt.Errorf("sending: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	switch {
	case resp.StatusCode == http.StatusConflict:
		return nil // the receiver recognised the idempotency key: it has this change already
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return fmt.Errorf("%w: HTTP %d: %s", errPermanent, resp.StatusCode, clean(string(body), 200))
	}
	if check != nil {
		return check(resp.StatusCode, body)
	}
	return nil
}

// jsonRequest builds a POST of a JSON body.
func jsonRequest(target string, body []byte, header http.Header) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return nil, errors.New("the URL is not valid") // without the URL: it may hold a key
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}

// unixSeconds writes a time as Unix seconds.
func unixSeconds(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }
