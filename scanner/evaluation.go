package scanner

import (
	"context"
	"fmt"

	"github.com/tsa-scanner/tsa/config"
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
	if engine, err = engine.Select(cfg.Rules.Enable, cfg.Rules.Disable); err != nil {
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
		Engine:    engine,
		ParamsFor: func(uin string) rules.Params { return cfg.ParamsFor(uin) },
		Waivers:   waivers,
		Scoring:   ScoringFrom(cfg.Scoring),
	}, nil
}
