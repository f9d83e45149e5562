package scanner

import (
	"context"
	"time"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/rules"
)

// Options configure a scan.
type Options struct {
	CollectOptions
	Evaluation
	Now time.Time // the scan's clock for rules and waivers; zero means time.Now()
}

// Evaluation is how an inventory is judged: the rules, their parameters, waivers and scoring.
type Evaluation struct {
	Engine *rules.Engine
	// ParamsFor returns an account's rule-parameter overrides (nil: the defaults).
	ParamsFor func(account string) rules.Params
	Waivers   []config.Waiver
	Scoring   result.ScoringConstants // zero value: result.DefaultScoring()
	// NotRun are the built-in rules the selection left out: the score counts them as unread.
	NotRun []result.Rule
}

// Run collects, evaluates and scores. The returned inventory is what the findings were computed
// from, for callers that keep it.
func Run(ctx context.Context, opts Options) (*result.Scan, *inventory.Inventory, error) {
	started := time.Now().UTC()
	now := opts.Now
	if now.IsZero() {
		now = started
	}
	col, err := Collect(ctx, opts.CollectOptions)
	if err != nil {
		return nil, nil, err
	}
	// Evaluation runs even after an interruption, over what was collected.
	res, err := opts.Evaluation.Run(context.WithoutCancel(ctx), col.Inventory, now)
	if err != nil {
		return nil, nil, err
	}
	res.StartedAt, res.Calls, res.Interrupted = started, col.Calls, col.Interrupted
	res.Partial = res.Partial || col.Interrupted
	res.FinishedAt = time.Now().UTC()
	return res, col.Inventory, nil
}

// Run evaluates the rules over an inventory, applies the waivers and scores the result.
func (ev Evaluation) Run(ctx context.Context, inv *inventory.Inventory, now time.Time) (*result.Scan, error) {
	assessment, err := ev.Engine.Assess(ctx, inv, now, ev.ParamsFor)
	if err != nil {
		return nil, err
	}
	k := ev.Scoring
	if k.Deductions == nil {
		k = result.DefaultScoring()
	}
	waivers := applyWaivers(assessment.Findings, assessment.Rules, ev.Waivers, now)
	// The per-account counts move waived findings too.
	for _, f := range assessment.Findings {
		if f.Status != result.Waived {
			continue
		}
		for i, r := range assessment.Accounts[f.Account] {
			if r.Rule.ID == f.RuleID {
				assessment.Accounts[f.Account][i].Fail--
				assessment.Accounts[f.Account][i].Waived++
			}
		}
	}
	result.SortFindings(assessment.Findings)
	cov := summarize(inv)
	res := &result.Scan{
		Accounts:  inv.Accounts,
		Coverage:  cov,
		Rules:     assessment.Rules,
		Findings:  assessment.Findings,
		Scores:    Score(Assessed{Rules: assessment.Rules, Accounts: assessment.Accounts, Findings: assessment.Findings, NotRun: ev.NotRun}, k),
		Resources: len(inv.Resources),
		Waivers:   waivers,
	}
	res.Partial = cov.Failed > 0 || cov.AccountsFailed > 0
	return res, nil
}
