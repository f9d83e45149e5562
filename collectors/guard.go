package collectors

import (
	"fmt"
	"net/http"
	"strings"
)

// guard is the transport every SDK client of tsa sends through. It refuses, before anything
// leaves the process, any request whose service:Action is not on the declared read-only list
// and any COS request that is not a GET or HEAD, whatever code path built the request.
type guard struct {
	next    http.RoundTripper
	allowed map[string]bool
}

func newGuard(next http.RoundTripper, actions []string) *guard {
	g := &guard{next: next, allowed: map[string]bool{}}
	for _, a := range actions {
		g.allowed[a] = true
	}
	return g
}

func (g *guard) RoundTrip(r *http.Request) (*http.Response, error) {
	action, read := requestAction(r)
	if !read || !g.allowed[action] {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, fmt.Errorf("%s: %w", action, ErrNotReadOnly)
	}
	return g.next.RoundTrip(r)
}

// requestAction names the service:Action a request performs. An API 3.0 request names it in
// X-TC-Action under its signed service; a COS request (signed q-sign-algorithm=…) is named by its
// method and sub-resource, and only GET and HEAD are reads.
func requestAction(r *http.Request) (action string, read bool) {
	if isCOSRequest(r) {
		return cosRequestAction(r)
	}
	return requestService(r) + ":" + r.Header.Get("X-TC-Action"), true
}

// requestService reads the service from the signed credential scope
// (Credential=<id>/<date>/<service>/tc3_request), which holds even when every service is sent
// to one endpoint.
func requestService(r *http.Request) string {
	auth := r.Header.Get("Authorization")
	_, cred, ok := strings.Cut(auth, "Credential=")
	if !ok {
		return ""
	}
	cred, _, _ = strings.Cut(cred, ",")
	parts := strings.Split(cred, "/")
	if len(parts) != 4 {
		return ""
	}
	return parts[2]
}

func (c *Caller) allowed(action string) bool {
	return c.transport.(*guard).allowed[action]
}
