// Package scanner is tsa's pipeline: it plans the collection work, runs the collectors
// concurrently across accounts × regions × products, evaluates the rules, and scores the scan.
package scanner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"golang.org/x/sync/errgroup"

	"github.com/tsa-scanner/tsa/collectors"
	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

// Progress receives one line per finished collection task.
type Progress func(done, total int, message string)

// CollectOptions say what to collect and how.
type CollectOptions struct {
	Config *config.Config
	// Credential is the base credential; nil means the SDK's chain (environment, profile, CVM role).
	Credential common.CredentialIface
	Progress   Progress
	// Client tunes the client layer (retries, rate limits); the config's endpoint and timeout
	// take precedence.
	Client collectors.Settings
}

// Collection is what collection produced: the inventory and the call accounting.
type Collection struct {
	Inventory   *inventory.Inventory
	Calls       []result.ActionStats
	Interrupted bool // the context was cancelled before every task ran
}

// ErrCredential marks a credential that the API refused: every call would fail the same way.
var ErrCredential = errors.New("the API refused the credential")

// ErrConfig marks settings a scan cannot start with: an endpoint or a product tsa does not know.
var ErrConfig = errors.New("invalid configuration")

// task is one unit of collection work.
type task struct {
	account   string
	region    string
	collector collectors.Collector
	cred      common.CredentialIface
}

// Collect enters every account, plans account × region × product tasks and runs them on one
// bounded worker pool. A slow or failing region holds up only its own tasks; everything
// collected before a cancellation is kept.
func Collect(ctx context.Context, opts CollectOptions) (*Collection, error) {
	cfg := opts.Config
	endpoint := cfg.Endpoint
	if env := os.Getenv("TSA_ENDPOINT"); env != "" {
		endpoint = env
	}
	settings := opts.Client
	settings.Endpoint, settings.Timeout = endpoint, time.Duration(cfg.Timeout)
	if l := cfg.Limits; l.MaxBodyMiB > 0 || l.MaxPages > 0 || l.MaxRegions > 0 {
		settings.MaxBody, settings.MaxPages, settings.MaxRegions = int64(l.MaxBodyMiB)<<20, l.MaxPages, l.MaxRegions
	}
	caller, err := collectors.NewCaller(settings)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	defer caller.Close()
	selected, err := selectCollectors(cfg.Products)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	base := opts.Credential
	if base == nil {
		if base, err = collectors.BaseCredential(); err != nil {
			return nil, err
		}
	}

	inv := &inventory.Inventory{}
	accounts := cfg.Accounts
	if org := cfg.Organization; org != nil && org.Discover {
		accounts = withMembers(ctx, caller, base, cfg, inv)
	}
	var tasks []task
	for _, acct := range accounts {
		entry := inventory.Account{UIN: acct.UIN, Name: acct.Name, Plan: acct.Plan}
		cred, regions, err := enter(ctx, caller, base, acct, cfg.Regions)
		if err != nil {
			if errors.Is(err, ErrCredential) || errors.Is(err, collectors.ErrClockSkew) || ctx.Err() != nil {
				return nil, err
			}
			entry.Error = err.Error()
			inv.Accounts = append(inv.Accounts, entry)
			continue
		}
		entry.Regions = regions
		inv.Accounts = append(inv.Accounts, entry)
		for _, c := range selected {
			if c.Global {
				tasks = append(tasks, task{acct.UIN, "", c, cred})
				continue
			}
			for _, r := range regions {
				tasks = append(tasks, task{acct.UIN, r, c, cred})
			}
		}
	}

	tasks = interleave(tasks)

	var (
		mu   sync.Mutex
		done int
	)
	// Collectors that read about other collectors' resources (Subjects) start last and wait
	// until every other task has finished; since they are queued after all of those, waiting
	// in a worker slot cannot starve them.
	tasks = subjectReadersLast(tasks)
	var others sync.WaitGroup
	for _, t := range tasks {
		if len(t.collector.Subjects) == 0 {
			others.Add(1)
		}
	}
	g := new(errgroup.Group)
	g.SetLimit(max(1, cfg.Concurrency))
	for _, t := range tasks {
		g.Go(func() error {
			if len(t.collector.Subjects) == 0 {
				defer others.Done()
			} else {
				others.Wait()
			}
			// A task the cancellation reached before it started still runs: its first calls fail
			// at once, before anything is sent, and their coverage records (TSA.Interrupted)
			// name what was not read, so rules over it report unknown rather than nothing.
			client := caller.Client(t.account, t.region, t.cred)
			if len(t.collector.Subjects) > 0 {
				mu.Lock()
				client.Subjects = subjectsOf(inv.Resources, t)
				mu.Unlock()
			}
			resources, err := t.collector.Collect(ctx, client)
			if ctx.Err() != nil {
				// A task stopped part-way says what it did not read.
				client.RecordUnread(t.collector.Service, t.collector.Actions, collectors.CodeInterrupted, "the scan was interrupted before this read")
			}
			mu.Lock()
			defer mu.Unlock()
			inv.Resources = append(inv.Resources, resources...)
			inv.Coverage = append(inv.Coverage, client.Coverage()...)
			done++
			if opts.Progress != nil {
				where := t.region
				if where == "" {
					where = "global"
				}
				msg := fmt.Sprintf("%s %s %s: %d resources", t.account, where, t.collector.Product, len(resources))
				if err != nil {
					msg += " (" + err.Error() + ")"
				}
				opts.Progress(done, len(tasks), msg)
			}
			return nil
		})
	}
	_ = g.Wait()
	inv.Sort()
	return &Collection{Inventory: inv, Calls: caller.Stats(), Interrupted: ctx.Err() != nil}, nil
}

// interleave orders tasks so that consecutive ones are in different accounts and regions:
// every account × region's rate-limit buckets start filling at once, and a slow or dead
// region's tasks are spread over the run instead of taking the pool together. Within that,
// collectors that declare more actions go first: they make more calls (per-resource calls
// after a list), so they are the long tasks, and a long task started last makes the scan
// longer than it needs to be.
func interleave(tasks []task) []task {
	sort.SliceStable(tasks, func(i, j int) bool {
		return len(tasks[i].collector.Actions) > len(tasks[j].collector.Actions)
	})
	var keys []string
	groups := map[string][]task{}
	for _, t := range tasks {
		k := t.account + "/" + t.region
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], t)
	}
	out := make([]task, 0, len(tasks))
	for round := 0; len(out) < len(tasks); round++ {
		for _, k := range keys {
			if round < len(groups[k]) {
				out = append(out, groups[k][round])
			}
		}
	}
	return out
}

// withMembers adds the organization's member accounts that the configuration does not list,
// each entered through the organization's role. The members are listed with the base
// credential, as the manager account (the first account scanned without a role); when that
// fails, the failure is coverage and the configured accounts are scanned.
func withMembers(ctx context.Context, caller *collectors.Caller, base common.CredentialIface, cfg *config.Config, inv *inventory.Inventory) []config.Account {
	accounts := slices.Clone(cfg.Accounts)
	manager := cfg.Accounts[0].UIN
	for _, a := range cfg.Accounts {
		if a.Role == nil {
			manager = a.UIN
			break
		}
	}
	client := caller.Client(manager, "", base)
	members, err := collectors.OrganizationMembers(ctx, client)
	inv.Coverage = append(inv.Coverage, client.Coverage()...)
	if err != nil {
		return accounts
	}
	org := cfg.Organization
	for _, m := range members {
		if slices.ContainsFunc(accounts, func(a config.Account) bool { return a.UIN == m.UIN }) {
			continue
		}
		accounts = append(accounts, config.Account{UIN: m.UIN, Name: m.Name, Plan: org.Plan, Role: &config.Role{
			ARN: "qcs::cam::uin/" + m.UIN + ":roleName/" + org.RoleName, ExternalID: org.ExternalID,
		}})
	}
	return accounts
}

// subjectReadersLast orders the tasks of collectors with Subjects after all others, keeping
// the order within each group.
func subjectReadersLast(tasks []task) []task {
	out := make([]task, 0, len(tasks))
	for _, readers := range []bool{false, true} {
		for _, t := range tasks {
			if (len(t.collector.Subjects) > 0) == readers {
				out = append(out, t)
			}
		}
	}
	return out
}

// subjectsOf returns the collected resources of t's account and region that t reads about.
func subjectsOf(resources []inventory.Resource, t task) []inventory.Resource {
	var out []inventory.Resource
	for _, r := range resources {
		if r.Account == t.account && r.Region == t.region && slices.Contains(t.collector.Subjects, r.Type) {
			out = append(out, r)
		}
	}
	return out
}

// enter returns the credential and regions of one account.
func enter(ctx context.Context, caller *collectors.Caller, base common.CredentialIface, acct config.Account, regions []string) (common.CredentialIface, []string, error) {
	cred := base
	if acct.Role != nil {
		role, err := caller.AssumeRole(ctx, base, collectors.Role{
			ARN: acct.Role.ARN, ExternalID: acct.Role.ExternalID,
			SessionName: acct.Role.SessionName, Duration: time.Duration(acct.Role.Duration),
		})
		if err != nil {
			return nil, nil, classify(acct.UIN, err)
		}
		cred = role
	}
	if len(acct.Regions) > 0 {
		regions = acct.Regions
	}
	found, err := collectors.DiscoverRegions(ctx, caller.Client(acct.UIN, "", cred))
	if len(regions) > 0 {
		// Configured regions need no discovery, but the call still tries the credential once:
		// a refused key or a skewed clock stops the scan here rather than making every call
		// of it fail (a partial scan). Any other failure is left to the calls themselves.
		if err != nil && (collectors.IsCredential(err) || collectors.IsClockSkew(err)) {
			return nil, nil, classify(acct.UIN, err)
		}
		return cred, regions, nil
	}
	if err != nil {
		return nil, nil, classify(acct.UIN, fmt.Errorf("discovering regions: %w", err))
	}
	return cred, found, nil
}

// classify marks credential failures, which stop the scan, apart from an account that merely
// cannot be entered (a role it does not trust us with), which is reported and skipped.
func classify(account string, err error) error {
	if collectors.IsClockSkew(err) {
		return fmt.Errorf("account %s: %w: %s: %s", account, collectors.ErrClockSkew, collectors.ErrorCode(err), collectors.ErrorMessage(err))
	}
	if collectors.IsCredential(err) {
		return fmt.Errorf("account %s: %w: %s: %s", account, ErrCredential, collectors.ErrorCode(err), collectors.ErrorMessage(err))
	}
	return err
}

func selectCollectors(products []string) ([]collectors.Collector, error) {
	if len(products) == 0 {
		return collectors.All, nil
	}
	var out []collectors.Collector
	for _, p := range products {
		found := false
		for _, c := range collectors.All {
			if c.Product == p {
				out = append(out, c)
				found = true
			}
		}
		if !found {
			var names []string
			for _, c := range collectors.All {
				names = append(names, c.Product)
			}
			return nil, fmt.Errorf("unknown product %q in products (known: %v)", p, names)
		}
	}
	return out, nil
}
