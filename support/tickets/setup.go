package tickets

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner/history"
	"github.com/tsa-scanner/tsa/support"
)

// Catalog returns the support plans a configuration uses: its support_plans file, else the
// built-in ones.
func Catalog(cfg *config.Config) (*support.Catalog, error) {
	if cfg.SupportPlans != "" {
		return config.LoadPlans(cfg.SupportPlans)
	}
	return support.Builtin(), nil
}

// Setup checks a configuration's tickets section against the rule library and reads the
// sinks' secrets: everything that can be wrong is found here, before a scan starts. The ledger
// is attached later, when the store is open (Syncer.Ledger).
func Setup(cfg *config.Config, rules []result.Rule, clock Clock) (*Syncer, error) {
	catalog, err := Catalog(cfg)
	if err != nil {
		return nil, err
	}
	plans := map[string]string{}
	for _, a := range cfg.Accounts {
		plans[a.UIN] = a.Plan
	}
	policy, err := NewPolicy(cfg.Tickets, rules, catalog, plans)
	if err != nil {
		return nil, err
	}
	if o := cfg.Organization; o != nil && o.Plan != "" {
		policy.fallback = o.Plan // discovered members are on the organization's plan
	}
	sinks, err := sinksFrom(cfg.Tickets, clock)
	if err != nil {
		return nil, err
	}
	return &Syncer{Policy: policy, Sinks: sinks, Clock: clock, Budget: DefaultBudget}, nil
}

// sinksFrom builds the external sinks, reading their secrets. Errors name the configuration key
// and never the secret.
func sinksFrom(t config.Tickets, clock Clock) ([]Sink, error) {
	var sinks []Sink
	var errs []string
	read := func(key string, s *config.Secret) string {
		if s == nil {
			return ""
		}
		v, err := s.Read()
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", key, err))
		}
		return v
	}
	if w := t.Webhook; w != nil {
		secret := read("tickets.webhook.secret", &w.Secret)
		retries := w.Retries
		if retries == 0 {
			retries = config.DefaultTicketRetries
		}
		sinks = append(sinks, NewWebhook(w.URL, secret, retries, client(w.Timeout), clock))
	}
	for i, r := range t.Robots {
		key := fmt.Sprintf("tickets.robots.%d", i)
		u, secret := read(key+".url", &r.URL), read(key+".secret", r.Secret)
		if u == "" {
			continue
		}
		robot, err := NewRobot(r.Kind, u, secret, config.DefaultTicketRetries, client(0), clock)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s.url: %v", key, err))
			continue
		}
		sinks = append(sinks, robot)
	}
	if t.Drafts != "" {
		sinks = append(sinks, DraftDir{Dir: t.Drafts})
	}
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	return sinks, nil
}

// client is an HTTP client whose every attempt is bounded.
func client(timeout config.Duration) *http.Client {
	d := time.Duration(timeout)
	if d == 0 {
		d = config.DefaultTicketTimeout
	}
	return &http.Client{Timeout: d}
}

// Attach sets the ledger a syncer writes to.
func (s *Syncer) Attach(store *history.Store) { s.Ledger = NewLedger(store) }
