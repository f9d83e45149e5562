package collectors

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// DefaultMaxBody is the largest answer tsa reads from one call: far above any real answer (a
// page of 100 instances is well under 1 MiB), far below what would exhaust memory.
const DefaultMaxBody = 32 << 20

// bounded is the transport layer that keeps every answer within tsa's limits: it never follows
// a redirect (the signed request and its session token must not go anywhere else) and reads no
// more than maxBody bytes of an answer.
type bounded struct {
	next    http.RoundTripper
	maxBody int64
}

func (b bounded) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Response != nil { // set by http.Client on the request it builds to follow a redirect
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, noted(r.Context(), &tsaError{code: CodeRedirect, message: fmt.Sprintf(
			"the endpoint answered HTTP %d, a redirect to %s: tsa never follows redirects with a signed request",
			r.Response.StatusCode, r.URL.Host)})
	}
	resp, err := b.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		if n, ok := r.Context().Value(callNoteKey{}).(*callNote); ok {
			n.mu.Lock()
			n.status = resp.Status
			n.mu.Unlock()
		}
	}
	if resp.ContentLength > b.maxBody {
		resp.Body.Close()
		return nil, noted(r.Context(), tooLarge(b.maxBody))
	}
	resp.Body = &cappedBody{body: resp.Body, left: b.maxBody, max: b.maxBody, ctx: r.Context(), json: !isCOSRequest(r)}
	return resp, nil
}

// MaxJSONDepth is how deeply an API 3.0 answer may nest. The SDK decodes with its own copy of
// an old encoding/json that has no depth limit, and an answer of nothing but "[" would cost
// memory for every level; the deepest real answer nests about ten levels.
const MaxJSONDepth = 1000

func tooLarge(max int64) error {
	return &tsaError{code: CodeTooLarge, message: fmt.Sprintf(
		"the answer is larger than %d MiB, the most tsa reads from one call (limits.max_body_mib)", max>>20)}
}

// cappedBody ends an answer with an error once it passes the cap or, for JSON, nests deeper
// than MaxJSONDepth.
type cappedBody struct {
	body      io.ReadCloser
	left, max int64
	ctx       context.Context

	json             bool
	depth            int
	inString, escape bool
}

func (c *cappedBody) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells an answer of exactly the cap from a longer one.
		var one [1]byte
		if n, _ := c.body.Read(one[:]); n == 0 {
			return 0, io.EOF
		}
		return 0, noted(c.ctx, tooLarge(c.max))
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.body.Read(p)
	c.left -= int64(n)
	if c.json && c.tooDeep(p[:n]) {
		return 0, noted(c.ctx, &tsaError{code: CodeTooDeep, message: fmt.Sprintf(
			"the answer is nested deeper than %d levels", MaxJSONDepth)})
	}
	return n, err
}

// tooDeep follows the nesting of the JSON read so far.
func (c *cappedBody) tooDeep(p []byte) bool {
	for _, b := range p {
		switch {
		case c.inString:
			switch {
			case c.escape:
				c.escape = false
			case b == '\\':
				c.escape = true
			case b == '"':
				c.inString = false
			}
		case b == '"':
			c.inString = true
		case b == '[' || b == '{':
			if c.depth++; c.depth > MaxJSONDepth {
				return true
			}
		case b == ']' || b == '}':
			c.depth--
		}
	}
	return false
}

func (c *cappedBody) Close() error { return c.body.Close() }

// callNote carries what the transport learned about one attempt of a call to call(): the SDK
// turns transport and body errors into its own errors and drops the cause.
type callNote struct {
	mu     sync.Mutex
	err    error
	status string // the HTTP status of an answer that was not 2xx
}

type callNoteKey struct{}

// withNote returns a context that collects the transport's notes about one attempt.
func withNote(ctx context.Context) (context.Context, *callNote) {
	n := &callNote{}
	return context.WithValue(ctx, callNoteKey{}, n), n
}

// noted records err as the reason the attempt failed, when ctx carries a note, and returns err.
func noted(ctx context.Context, err error) error {
	if n, ok := ctx.Value(callNoteKey{}).(*callNote); ok {
		n.mu.Lock()
		if n.err == nil {
			n.err = err
		}
		n.mu.Unlock()
	}
	return err
}

func (n *callNote) get() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.err
}

// httpStatus is the status of an answer that was not 2xx, or "".
func (n *callNote) httpStatus() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.status
}
