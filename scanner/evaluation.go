package scanner

import (
	"context"
	"fmt"
	"strings"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/rules"
)

// EvaluationFrom builds the evaluation a configuration asks for: the built-in and custom rules,
// the selection, parameter overrides (checked against each rule's declared parameters), the
// waivers and the scoring constants.
func EvaluationFrom(ctx context.Context, cfg *config.Config) (Evaluation, error) {
	engine, err := rules.New(ctx, rules.Options{CustomDirs: cfg.Rules.CustomDirs})
	if err != nil {
		return Evaluation{}, err
	}
	if err := engine.CheckParams(cfg.Rules.Params); err != nil {
		return Evaluation{}, fmt.Errorf("rules.%w", err)
	}
	for _, a := range cfg.Accounts {
		if err := engine.CheckParams(a.Params); err != nil {
			return Evaluation{}, fmt.Errorf("account %s: %w", a.UIN, err)
		}
	}
	selected, err := engine.Select(cfg.Rules.Enable, cfg.Rules.Disable)
	if err != nil {
		return Evaluation{}, err
	}
	var waivers []config.Waiver
	for _, file := range cfg.Waivers {
		ws, err := config.LoadWaivers(file)
		if err != nil {
			return Evaluation{}, err
		}
		waivers = append(waivers, ws...)
	}
	return Evaluation{
		Engine:    selected,
		NotRun:    notRun(engine, selected),
		ParamsFor: func(uin string) rules.Params { return cfg.ParamsFor(uin) },
		Waivers:   waivers,
		Scoring:   ScoringFrom(cfg.Scoring),
	}, nil
}

// notRun lists the built-in rules (ids TSA-…) of the library that the selection left out;
// custom rules left out are the user's choice of what to assess and are not counted.
func notRun(all, selected *rules.Engine) []result.Rule {
	on := map[string]bool{}
	for _, r := range selected.Rules() {
		on[r.ID] = true
	}
	var out []result.Rule
	for _, r := range all.Rules() {
		if !on[r.ID] && strings.HasPrefix(r.ID, "TSA-") {
			out = append(out, r)
		}
	}
	return out
}
