package collectors

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	"golang.org/x/sync/errgroup"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// Settings say how tsa reaches the API.
type Settings struct {
	// Endpoint, when set, sends every service to one host: "http://127.0.0.1:8080" for the
	// emulator, or a host name (HTTPS). Empty means the real <service>.tencentcloudapi.com.
	Endpoint string
	// Timeout bounds one API call (one page). Zero means 30 s.
	Timeout time.Duration
	// MaxRetries is how often a throttled or transiently failing call is retried. Negative
	// disables retries; zero means 6.
	MaxRetries int
	// RetryBase is the first backoff; it doubles on every retry, with full jitter. Zero means 200 ms.
	RetryBase time.Duration
	// RateFactor scales the published per-action rate limits for the client-side limiter.
	// Zero means 0.8.
	RateFactor float64
	// MaxBody is the largest answer read from one call, in bytes; a larger one fails the call
	// (TSA.TooLarge). Zero means DefaultMaxBody.
	MaxBody int64
	// MaxPages is the most pages read of one list; a list still going then is incomplete
	// (TSA.Incomplete). Zero means DefaultMaxPages.
	MaxPages int
	// MaxRegions is the most regions region discovery accepts. Zero means DefaultMaxRegions.
	MaxRegions int
	// Sleep waits between retries; nil means a real timer. Tests give a fake clock.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock temporary credentials are judged by; nil means time.Now.
	Now func() time.Time
}

// DefaultRateFactor is the share of an action's published rate limit tsa allows itself.
const DefaultRateFactor = 0.8

// DefaultMaxPages bounds one list: 1000 pages are 100,000 items at the usual page size of 100,
// ten times the largest estate tsa is benchmarked on.
const DefaultMaxPages = 1000

func (s Settings) withDefaults() Settings {
	if s.Timeout == 0 {
		s.Timeout = 30 * time.Second
	}
	if s.MaxRetries == 0 {
		s.MaxRetries = 6
	}
	if s.MaxRetries < 0 {
		s.MaxRetries = 0
	}
	if s.RetryBase == 0 {
		s.RetryBase = 200 * time.Millisecond
	}
	if s.RateFactor == 0 {
		s.RateFactor = DefaultRateFactor
	}
	if s.MaxBody <= 0 {
		s.MaxBody = DefaultMaxBody
	}
	if s.MaxPages <= 0 {
		s.MaxPages = DefaultMaxPages
	}
	if s.MaxRegions <= 0 {
		s.MaxRegions = DefaultMaxRegions
	}
	if s.Sleep == nil {
		s.Sleep = sleep
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	return s
}

// Caller is shared by every client of a scan: the guarded transport, the rate limiters and the
// call accounting.
type Caller struct {
	settings  Settings
	base      *http.Transport
	transport http.RoundTripper
	limiters  *limiters
	stats     *Stats

	mu          sync.Mutex
	unreachable map[[2]string]bool // account × region whose calls used up their retries

	zones sync.Map // account × region → *zoneList, read once per scan (zones.go)
}

// NewCaller returns the shared client layer for one scan.
func NewCaller(s Settings) (*Caller, error) {
	s = s.withDefaults()
	if s.Endpoint != "" {
		if _, _, err := splitEndpoint(s.Endpoint); err != nil {
			return nil, err
		}
	}
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.MaxIdleConnsPerHost = 64
	return &Caller{
		settings:    s,
		base:        base,
		transport:   newGuard(bounded{next: base, maxBody: s.MaxBody}, ReadOnlyActions()),
		limiters:    newLimiters(s.RateFactor),
		stats:       newStats(),
		unreachable: map[[2]string]bool{},
	}, nil
}

// Close releases the connections the scan kept open for reuse.
func (c *Caller) Close() { c.base.CloseIdleConnections() }

// Stats returns the call accounting so far.
func (c *Caller) Stats() []result.ActionStats { return c.stats.snapshot() }

// profile builds the SDK client profile: always from NewClientProfile, so the region breaker
// stays off; no SDK retries: its rate-limit retry sleeps without honouring the context and
// skips the RequestLimitExceeded.* sub-codes, so tsa retries itself.
func (c *Caller) profile() *profile.ClientProfile {
	cpf := profile.NewClientProfile()
	cpf.RateLimitExceededMaxRetries, cpf.NetworkFailureMaxRetries = 0, 0
	cpf.Language = "en-US"
	cpf.HttpProfile.ReqTimeout = int((c.settings.Timeout + time.Second - 1) / time.Second)
	if c.settings.Endpoint != "" {
		scheme, host, _ := splitEndpoint(c.settings.Endpoint)
		cpf.HttpProfile.Scheme = scheme
		cpf.HttpProfile.Endpoint = host
	}
	return cpf
}

// splitEndpoint reads "http://host:port", "https://host" or a bare host (HTTPS).
func splitEndpoint(e string) (scheme, host string, err error) {
	if !strings.Contains(e, "://") {
		return "HTTPS", e, nil
	}
	u, err := url.Parse(e)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", "", fmt.Errorf("endpoint %q: want http://host:port, https://host or a bare host name", e)
	}
	return strings.ToUpper(u.Scheme), u.Host + strings.TrimSuffix(u.Path, "/"), nil
}

// Client makes one collector's calls for one account and region and records their coverage.
type Client struct {
	Account string
	Region  string
	caller  *Caller
	cred    common.CredentialIface

	// Subjects are the resources a collector with Collector.Subjects reads about, handed over
	// by the scanner from the same account and region.
	Subjects []inventory.Resource

	mu       sync.Mutex
	coverage map[string]*inventory.Call // by service:Action
}

// Client returns a client for an account's credential in a region ("" for global services).
func (c *Caller) Client(account, region string, cred common.CredentialIface) *Client {
	return &Client{Account: account, Region: region, caller: c, cred: cred, coverage: map[string]*inventory.Call{}}
}

// sdkClient is what every SDK product client has through its embedded common.Client.
type sdkClient interface {
	WithHttpTransport(http.RoundTripper) *common.Client
}

// newSDK builds an SDK product client that goes through tsa's guarded transport.
func newSDK[T sdkClient](c *Client, ctor func(common.CredentialIface, string, *profile.ClientProfile) (T, error)) (T, error) {
	cl, err := ctor(c.cred, c.Region, c.caller.profile())
	if err != nil {
		return cl, err
	}
	cl.WithHttpTransport(c.caller.transport)
	return cl, nil
}

// Coverage returns the outcome of every action this client called.
func (c *Client) Coverage() []inventory.Call {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]inventory.Call, 0, len(c.coverage))
	for _, v := range c.coverage {
		out = append(out, *v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Action < out[j].Action })
	return out
}

// RecordUnread records each of a collector's actions that has no outcome yet as failed with
// code, so coverage names every read a stopped task did not make.
func (c *Client) RecordUnread(service string, actions []string, code, message string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, a := range actions {
		action := service + ":" + a
		if _, ok := c.coverage[action]; !ok {
			c.coverage[action] = &inventory.Call{Account: c.Account, Region: c.Region, Action: action, Code: code, Message: message}
		}
	}
}

// record merges one call's outcome into the coverage of its action: an action is covered only
// when every call of it succeeded.
func (c *Client) record(action string, types []string, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	rec, ok := c.coverage[action]
	if !ok {
		rec = &inventory.Call{Account: c.Account, Region: c.Region, Action: action, OK: true}
		c.coverage[action] = rec
	}
	for _, t := range types {
		if !containsString(rec.ResourceTypes, t) {
			rec.ResourceTypes = append(rec.ResourceTypes, t)
		}
	}
	if err != nil && rec.OK {
		rec.OK = false
		rec.Code, rec.Message = ErrorCode(err), ErrorMessage(err)
		if IsPermission(err) {
			rec.Grant = action
		}
	}
}

// call sends one request through the limiter, with a per-call timeout and retries on throttling
// and transient faults, and counts it. action is service:Action. Its errors are *CallError, with
// a short message, or ErrNotReadOnly.
func call[T any](ctx context.Context, c *Client, action string, send func(context.Context) (T, error)) (T, error) {
	var zero T
	if !c.caller.allowed(action) {
		return zero, fmt.Errorf("%s: %w", action, ErrNotReadOnly)
	}
	settings := c.caller.settings
	maxRetries := settings.MaxRetries
	if c.caller.isUnreachable(c.Account, c.Region) {
		maxRetries = 0 // one attempt: the region may be back, but it may not hold the pool again
	}
	limiter := c.caller.limiters.get(c.Account, c.Region, action)
	role, isRole := c.cred.(*RoleCredential)
	for attempt := 0; ; attempt++ {
		if err := limiter.Wait(ctx); err != nil {
			return zero, callError(action, interrupted(ctx, err))
		}
		var used string
		if isRole {
			if err := role.Refresh(ctx, false); err != nil {
				c.caller.stats.add(action, attempt > 0, err)
				return zero, callError(action, err)
			}
			used = role.GetSecretId()
		}
		callCtx, cancel := context.WithTimeout(ctx, settings.Timeout)
		callCtx, note := withNote(callCtx)
		resp, err := send(callCtx)
		timedOut := errors.Is(callCtx.Err(), context.DeadlineExceeded) && ctx.Err() == nil
		cancel()
		switch {
		case err == nil:
		case note.get() != nil:
			err = note.get() // what the transport refused, which the SDK's error no longer says
		case note.httpStatus() != "" && (ErrorCode(err) == "ClientError.ParseJsonError" || ErrorCode(err) == "ClientError.HttpStatusCodeError"):
			// The SDK tries to read any answer as JSON first and reports a gateway's page as
			// unparseable, with the page in its message: the status says what happened.
			err = tcerr.NewTencentCloudSDKErrorWithCause("ClientError.HttpStatusCodeError",
				"the endpoint answered HTTP "+note.httpStatus(), "", err)
		case timedOut:
			// The SDK reports a body cut off by the deadline as an I/O error without its cause.
			err = &tsaError{code: CodeTimeout, wrapped: err, message: fmt.Sprintf(
				"no complete answer within %v (client timeout)", settings.Timeout)}
		}
		c.caller.stats.add(action, attempt > 0, err)
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return zero, callError(action, ctx.Err())
		}
		expired := isRole && tokenExpired(err)
		if !retryable(err) && !expired {
			return zero, callError(action, err)
		}
		if attempt >= maxRetries {
			if maxRetries > 0 && !expired && !IsThrottle(err) {
				c.caller.markUnreachable(c.Account, c.Region)
			}
			return zero, callError(action, err)
		}
		if expired {
			// The temporary credentials expired under us: take new ones (once, however many
			// calls noticed) and try again.
			if rerr := role.renew(ctx, used); rerr != nil {
				return zero, callError(action, rerr)
			}
		}
		if err := settings.Sleep(ctx, backoff(settings.RetryBase, attempt)); err != nil {
			return zero, callError(action, err)
		}
	}
}

// interrupted tells a cancelled scan from a limiter that cannot admit a call before ctx's
// deadline.
func interrupted(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// markUnreachable notes that a call in an account × region failed even after every retry.
func (c *Caller) markUnreachable(account, region string) {
	c.mu.Lock()
	c.unreachable[[2]string{account, region}] = true
	c.mu.Unlock()
}

func (c *Caller) isUnreachable(account, region string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.unreachable[[2]string{account, region}]
}

// tokenExpired reports whether err says the temporary credentials ran out: the API 3.0 code, or
// COS's.
func tokenExpired(err error) bool {
	code := ErrorCode(err)
	return code == "AuthFailure.TokenFailure" || code == "ExpiredToken"
}

// backoff is exponential with full jitter, capped at 10 s.
func backoff(base time.Duration, attempt int) time.Duration {
	d := base << min(attempt, 16)
	if d > 10*time.Second || d <= 0 {
		d = 10 * time.Second
	}
	return time.Duration(rand.Int64N(int64(d)) + 1)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// pages reads every page of an Offset/Limit list action and records the action's coverage.
// fetch returns one page and the full size the API reported.
//
// It reads on while pages come back full or the API's total says there is more: TotalCount is
// not trusted alone, since real answers carry 0 with items. It stops at an empty page, at a page
// that adds nothing new (an API repeating itself), or after Settings.MaxPages pages; the last two
// leave the list incomplete (TSA.Incomplete), so rules over it report unknown, never a silently
// truncated list. Offsets stay multiples of Limit while pages are full, as Redis requires; a
// short page before the total is reached sends an Offset Redis refuses, which fails the list
// rather than cutting it short. On failure it returns what it read with the error.
func pages[T any](ctx context.Context, c *Client, action string, types []string, limit int,
	fetch func(ctx context.Context, offset, limit int) (items []T, total int, err error)) ([]T, error) {
	var all []T
	seen, seed := map[uint64]bool{}, maphash.MakeSeed()
	maxPages := c.caller.settings.MaxPages
	offset, total := 0, 0
	for n := 0; ; n++ {
		if n == maxPages {
			err := incomplete(action, fmt.Sprintf("stopped after %d pages (%d items, the API's total says %d): "+
				"the most tsa reads of one list (limits.max_pages)", n, len(all), total))
			c.record(action, types, err)
			return all, err
		}
		type page struct {
			items []T
			total int
		}
		p, err := call(ctx, c, action, func(ctx context.Context) (page, error) {
			items, total, err := fetch(ctx, offset, limit)
			return page{items, total}, err
		})
		if err != nil {
			c.record(action, types, err)
			return all, err
		}
		total = p.total
		fresh := 0
		for _, it := range p.items {
			if key := maphash.Bytes(seed, mustJSON(it)); !seen[key] {
				seen[key] = true
				fresh++
			}
		}
		all = append(all, p.items...)
		offset += len(p.items)
		switch {
		case len(p.items) == 0:
		case fresh == 0:
			err := incomplete(action, fmt.Sprintf("the page at offset %d repeats items already read (the API's total says %d): "+
				"the list does not end", offset-len(p.items), total))
			c.record(action, types, err)
			return all, err
		case len(p.items) >= limit || offset < total:
			continue
		}
		break
	}
	c.record(action, types, nil)
	return all, nil
}

// incomplete is the error of a list that did not end.
func incomplete(action, message string) error {
	return callError(action, &tsaError{code: CodeIncomplete, message: message})
}

// perResourceFanOut is how many per-resource calls of one task are in flight at once. They
// wait mostly on the network: one at a time, a 100/s action at 50 ms a call would run at 20/s.
// The action's token bucket still sets the pace.
const perResourceFanOut = 8

// forEach runs fn(i) for i in [0, n), perResourceFanOut at a time, and returns when all are done.
func forEach(n int, fn func(i int)) {
	var g errgroup.Group
	g.SetLimit(perResourceFanOut)
	for i := range n {
		g.Go(func() error { fn(i); return nil })
	}
	_ = g.Wait()
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
