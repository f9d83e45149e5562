package scanner

import (
	"context"
	"time"

	"github.com/tsa-scanner/tsa/collectors"
	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/rules"
)

// Result is a finished scan: what was read, what the rules found, and the scores.
type Result struct {
	StartedAt   time.Time                `json:"started_at"`
	FinishedAt  time.Time                `json:"finished_at"`
	Partial     bool                     `json:"partial"`     // something could not be read
	Interrupted bool                     `json:"interrupted"` // stopped by a signal before the end
	Accounts    []inventory.Account      `json:"accounts"`
	Coverage    Coverage                 `json:"coverage"`
	Calls       []collectors.ActionStats `json:"calls"`
	Scores      Scores                   `json:"scores"`
	Rules       []rules.RuleResult       `json:"rules"`
	Findings    []rules.Finding          `json:"findings"`
	Resources   int                      `json:"resources"`
}

// Options configure a scan.
type Options struct {
	CollectOptions
	Engine  *rules.Engine
	Now     time.Time // the scan's clock for rules; zero means time.Now()
	Scoring *ScoringConstants
}

// Run collects, evaluates and scores. The returned inventory is what the findings were computed
// from, for callers that keep it.
func Run(ctx context.Context, opts Options) (*Result, *inventory.Inventory, error) {
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
	res, err := Evaluate(context.WithoutCancel(ctx), opts.Engine, col.Inventory, now, opts.Scoring)
	if err != nil {
		return nil, nil, err
	}
	res.StartedAt, res.Calls, res.Interrupted = started, col.Calls, col.Interrupted
	res.Partial = res.Partial || col.Interrupted
	res.FinishedAt = time.Now().UTC()
	return res, col.Inventory, nil
}

// Evaluate runs the rules over an inventory and scores the result.
func Evaluate(ctx context.Context, engine *rules.Engine, inv *inventory.Inventory, now time.Time, scoring *ScoringConstants) (*Result, error) {
	assessment, err := engine.Assess(ctx, inv, now, nil)
	if err != nil {
		return nil, err
	}
	k := DefaultScoring()
	if scoring != nil {
		k = *scoring
	}
	cov := summarize(inv)
	res := &Result{
		Accounts:  inv.Accounts,
		Coverage:  cov,
		Rules:     assessment.Rules,
		Findings:  assessment.Findings,
		Scores:    Score(assessment.Rules, assessment.Findings, k),
		Resources: len(inv.Resources),
	}
	res.Partial = cov.Failed > 0 || cov.AccountsFailed > 0
	return res, nil
}
