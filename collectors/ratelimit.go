package collectors

import (
	"sync"

	"golang.org/x/time/rate"
)

// publishedLimits are the per-second limits of the API pages (bucket: action × region ×
// sub-account). Every action not listed, CAM's ListUsers, GetUser and DescribeSubAccounts and
// CVM's own DescribeRegions among them, has the default of 20/s.
var publishedLimits = map[string]float64{
	"cvm:DescribeInstances":             40,
	"cvm:DescribeInstancesStatus":       40,
	"vpc:DescribeSecurityGroupPolicies": 100,
	"region:DescribeRegions":            50,
	"region:DescribeZones":              50,
}

const defaultLimit = 20

// PublishedLimit returns the published per-second limit of a service:Action.
func PublishedLimit(action string) float64 {
	if l, ok := publishedLimits[action]; ok {
		return l
	}
	return defaultLimit
}

// limiters hold one token bucket per account × region × action, a little under the published
// limit so tsa is not the one that gets throttled. The API counts calls in fixed 1-second
// windows, and a bucket of rate r and burst b admits at most b + r calls in any second: with
// r = 0.8 × limit and b = r/8 a window sees at most 0.9 × limit, which leaves room for calls
// that reach the server a little later or earlier than they left.
type limiters struct {
	factor float64
	mu     sync.Mutex
	m      map[[3]string]*rate.Limiter
}

func newLimiters(factor float64) *limiters {
	return &limiters{factor: factor, m: map[[3]string]*rate.Limiter{}}
}

func (l *limiters) get(account, region, action string) *rate.Limiter {
	key := [3]string{account, region, action}
	l.mu.Lock()
	defer l.mu.Unlock()
	lim, ok := l.m[key]
	if !ok {
		r, burst := Bucket(action, l.factor)
		lim = rate.NewLimiter(rate.Limit(r), burst)
		l.m[key] = lim
	}
	return lim
}

// Bucket returns the rate (calls per second) and burst of the token bucket tsa keeps for a
// service:Action, given the share of the published limit it allows itself.
func Bucket(action string, factor float64) (perSecond float64, burst int) {
	r := PublishedLimit(action) * factor
	return r, max(1, int(r/8))
}
