package collectors

import (
	"context"
	"errors"
	"fmt"
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
}

// DefaultRateFactor is the share of an action's published rate limit tsa allows itself.
const DefaultRateFactor = 0.8

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
		transport:   newGuard(base, ReadOnlyActions()),
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
// and transient faults, and counts it. action is service:Action.
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
			return zero, err
		}
		var used string
		if isRole {
			if err := role.Refresh(ctx, false); err != nil {
				c.caller.stats.add(action, attempt > 0, err)
				return zero, err
			}
			used = role.GetSecretId()
		}
		callCtx, cancel := context.WithTimeout(ctx, settings.Timeout)
		resp, err := send(callCtx)
		cancel()
		c.caller.stats.add(action, attempt > 0, err)
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return zero, ctx.Err()
		}
		expired := isRole && tokenExpired(err)
		if !retryable(err) && !expired {
			return zero, err
		}
		if attempt >= maxRetries {
			if maxRetries > 0 && !expired && !IsThrottle(err) {
				c.caller.markUnreachable(c.Account, c.Region)
			}
			return zero, err
		}
		if expired {
			// The temporary credentials expired under us: take new ones (once, however many
			// calls noticed) and try again.
			if rerr := role.renew(ctx, used); rerr != nil {
				return zero, rerr
			}
		}
		if err := sleep(ctx, backoff(settings.RetryBase, attempt)); err != nil {
			return zero, err
		}
	}
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
func pages[T any](ctx context.Context, c *Client, action string, types []string, limit int,
	fetch func(ctx context.Context, offset, limit int) (items []T, total int, err error)) ([]T, error) {
	var all []T
	for offset := 0; ; {
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
			return nil, err
		}
		all = append(all, p.items...)
		offset += len(p.items)
		if len(p.items) == 0 || offset >= p.total {
			break
		}
	}
	c.record(action, types, nil)
	return all, nil
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

// ErrNotReadOnly is returned for any action that is not on the declared read-only list.
var ErrNotReadOnly = errors.New("refused by tsa's read-only guard: the action is not a declared read-only action")

// ErrorCode returns the API error code of err ("RequestLimitExceeded", "ClientError.NetworkError", …).
func ErrorCode(err error) string {
	var sdkErr *tcerr.TencentCloudSDKError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrNotReadOnly):
		return "TSA.NotReadOnly"
	case errors.Is(err, context.Canceled):
		return "TSA.Canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "TSA.Timeout"
	case errors.As(err, &sdkErr):
		return sdkErr.Code
	}
	return "TSA.Error"
}

// ErrorMessage returns the API's message for err (the SDK error's Message), or err's text.
func ErrorMessage(err error) string {
	var sdkErr *tcerr.TencentCloudSDKError
	if errors.As(err, &sdkErr) {
		return sdkErr.Message
	}
	return err.Error()
}

// IsPermission reports whether err says the caller lacks a CAM permission.
func IsPermission(err error) bool {
	code := ErrorCode(err)
	return code == "AuthFailure.UnauthorizedOperation" || strings.HasPrefix(code, "UnauthorizedOperation") ||
		strings.HasPrefix(code, "OperationDenied") || code == "AccessDenied" // COS
}

// IsCredential reports whether err says the credential itself is wrong: every call of the
// account will fail the same way.
func IsCredential(err error) bool {
	code := ErrorCode(err)
	return (strings.HasPrefix(code, "AuthFailure") && code != "AuthFailure.UnauthorizedOperation") ||
		code == "ClientError.CredentialError"
}

// IsThrottle reports whether err is the API's rate limit (RequestLimitExceeded or a sub-code).
func IsThrottle(err error) bool {
	return strings.HasPrefix(ErrorCode(err), "RequestLimitExceeded")
}

// retryable reports whether another attempt may succeed: throttling, server and gateway
// failures, network errors, timeouts and bodies cut short.
func retryable(err error) bool {
	code := ErrorCode(err)
	switch {
	case strings.HasPrefix(code, "RequestLimitExceeded"), strings.HasPrefix(code, "InternalError"),
		code == "ClientError.NetworkError", code == "ClientError.HttpStatusCodeError",
		code == "ClientError.ParseJsonError", code == "ClientError.IOError",
		code == "ResourceUnavailable", code == "TSA.Timeout",
		code == "ServiceUnavailable", code == "SlowDown": // COS 503s
		return true
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
