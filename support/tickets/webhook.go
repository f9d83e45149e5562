package tickets

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// The webhook's headers. The signature is "sha256=" and the hex HMAC-SHA256, keyed with the
// shared secret, of the timestamp, a dot and the body.
const (
	HeaderSignature   = "X-TSA-Signature"
	HeaderTimestamp   = "X-TSA-Timestamp"
	HeaderEvent       = "X-TSA-Event"
	HeaderIdempotency = "Idempotency-Key"
)

// MaxSkew is how far a signed timestamp may be from the receiver's clock.
const MaxSkew = 5 * time.Minute

// Webhook sends every ticket change as signed JSON. A 409 Conflict answer means the receiver
// already has the change (it recognised the idempotency key) and counts as delivered.
type Webhook struct {
	url    string
	secret []byte
	poster
}

// NewWebhook returns a webhook sink; client carries the per-attempt timeout.
func NewWebhook(target, secret string, retries int, client *http.Client, clock Clock) *Webhook {
	return &Webhook{url: target, secret: []byte(secret), poster: poster{client: client, clock: clock, retries: retries}}
}

// Name names the sink in the ledger.
func (w *Webhook) Name() string { return "webhook" }

// WebhookPayload is the JSON body of a delivery.
type WebhookPayload struct {
	Event          string    `json:"event"`
	EventID        int64     `json:"event_id"`
	ScanID         int64     `json:"scan_id,omitempty"`
	At             time.Time `json:"at"`
	Comment        string    `json:"comment"`
	IdempotencyKey string    `json:"idempotency_key"`
	Ticket         Ticket    `json:"ticket"`
	Drafts         []Draft   `json:"drafts"` // the console drafts, en and zh-CN
}

// Deliver posts the change, retrying transient failures.
func (w *Webhook) Deliver(ctx context.Context, c Change) Outcome {
	body, err := json.Marshal(WebhookPayload{Event: c.Event.Kind, EventID: c.Event.ID, ScanID: c.Event.ScanID, At: c.Event.At,
		Comment: c.Event.Comment, IdempotencyKey: c.IdempotencyKey, Ticket: c.Ticket, Drafts: Drafts(c.Ticket)})
	if err != nil {
		return Outcome{Err: err}
	}
	attempts, err := w.post(ctx, func(now time.Time) (*http.Request, error) {
		ts := unixSeconds(now)
		return jsonRequest(w.url, body, http.Header{
			HeaderTimestamp:   {ts},
			HeaderSignature:   {Sign(w.secret, ts, body)},
			HeaderEvent:       {c.Event.Kind},
			HeaderIdempotency: {c.IdempotencyKey},
		})
	}, nil)
	return Outcome{Attempts: attempts, Err: err, Payload: body}
}

// Sign returns the signature header value of a body sent at timestamp (Unix seconds).
func Sign(secret []byte, timestamp string, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(timestamp + "."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify checks a delivery's signature and that its timestamp is within MaxSkew of now: what a
// receiver does before trusting a body.
func Verify(secret []byte, timestamp, signature string, body []byte, now time.Time) error {
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return fmt.Errorf("%s %q is not Unix seconds", HeaderTimestamp, timestamp)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > MaxSkew || d < -MaxSkew {
		return fmt.Errorf("%s is %s away from now, more than %s", HeaderTimestamp, d.Round(time.Second), MaxSkew)
	}
	if !hmac.Equal([]byte(Sign(secret, timestamp, body)), []byte(signature)) {
		return errors.New("the signature does not match the body")
	}
	return nil
}
