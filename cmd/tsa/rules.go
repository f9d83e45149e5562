package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/rules"
)

func newRulesCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List, show and test the rule library",
		Long: `rules explores the Rego rule library: the built-in rules (rules/policies) and your own
directories of .rego files (--custom DIR, or rules.custom_dirs in the config).`,
		Example: `  tsa rules list --pillar security
  tsa rules show TSA-VPC-001
  tsa rules test ./my-rules`,
	}
	cmd.AddCommand(newRulesListCommand(), newRulesShowCommand(), newRulesTestCommand())
	return cmd
}

func newRulesListCommand() *cobra.Command {
	var custom []string
	var pillar, product, severity, format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List rules with id, pillar, severity, product and title",
		Example: `  tsa rules list
  tsa rules list --pillar reliability --severity high
  tsa rules list --product cvm --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			engine, err := rules.New(cmd.Context(), rules.Options{CustomDirs: custom})
			if err != nil {
				return err
			}
			for _, f := range []struct {
				flag  string
				into  *string
				valid []string
			}{{"--pillar", &pillar, result.Pillars}, {"--severity", &severity, result.Severities}} {
				if *f.into == "" {
					continue
				}
				if *f.into, err = oneOfFlag(f.flag, *f.into, f.valid); err != nil {
					return err
				}
			}
			product = strings.ToLower(product)
			var enable []string
			for kind, v := range map[string]string{"pillar": pillar, "product": product, "severity": severity} {
				if v != "" {
					enable = append(enable, kind+":"+v)
				}
			}
			list := engine.Rules()
			for _, sel := range enable { // every filter must hold
				e, err := engine.Select([]string{sel}, nil)
				if err != nil {
					return usageError("%v", err)
				}
				list = intersect(list, e.Rules())
			}
			if format == "json" {
				return printJSON(cmd.OutOrStdout(), list)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tPILLAR\tSEVERITY\tPRODUCT\tCATALOGUE\tTITLE")
			for _, r := range list {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Pillar, r.Severity, r.Product, r.Catalogue, r.Title)
			}
			tw.Flush()
			fmt.Fprintf(cmd.OutOrStdout(), "\n%d rules\n", len(list))
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&custom, "custom", nil, "also load the .rego rules in this directory (repeatable)")
	cmd.Flags().StringVar(&pillar, "pillar", "", "only this pillar: "+strings.Join(result.Pillars, ", "))
	cmd.Flags().StringVar(&product, "product", "", "only this product (cvm, vpc, cbs, …)")
	cmd.Flags().StringVar(&severity, "severity", "", "only this severity: high, medium, low")
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	return cmd
}

func intersect(a, b []result.Rule) []result.Rule {
	keep := map[string]bool{}
	for _, r := range b {
		keep[r.ID] = true
	}
	var out []result.Rule
	for _, r := range a {
		if keep[r.ID] {
			out = append(out, r)
		}
	}
	return out
}

func newRulesShowCommand() *cobra.Command {
	var custom []string
	var format string
	cmd := &cobra.Command{
		Use:     "show RULE-ID",
		Short:   "Show everything about one rule",
		Example: "  tsa rules show TSA-CBS-101",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			engine, err := rules.New(cmd.Context(), rules.Options{CustomDirs: custom})
			if err != nil {
				return err
			}
			r, ok := engine.Rule(strings.ToUpper(args[0]))
			if !ok {
				return usageError("no rule %s (see tsa rules list)", args[0])
			}
			if format == "json" {
				return printJSON(cmd.OutOrStdout(), r)
			}
			showRule(cmd.OutOrStdout(), r)
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&custom, "custom", nil, "also load the .rego rules in this directory (repeatable)")
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	return cmd
}

func showRule(w io.Writer, r result.Rule) {
	fmt.Fprintf(w, "%s  %s\n\n", r.ID, r.Title)
	if r.Description != "" {
		fmt.Fprintf(w, "%s\n\n", strings.TrimSpace(r.Description))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "pillar\t%s\n", r.Pillar)
	fmt.Fprintf(tw, "severity\t%s\n", r.Severity)
	fmt.Fprintf(tw, "product\t%s\n", r.Product)
	fmt.Fprintf(tw, "inspects\t%s\n", strings.Join(r.ResourceTypes, ", "))
	if len(r.Joins) > 0 {
		fmt.Fprintf(tw, "also reads\t%s\n", strings.Join(r.Joins, ", "))
	}
	fmt.Fprintf(tw, "catalogue\t%s\n", r.Catalogue)
	fmt.Fprintf(tw, "source\t%s (package tsa.rules.%s)\n", r.File, r.Package)
	tw.Flush()
	if len(r.Params) > 0 {
		fmt.Fprintln(w, "\nparameters (override in config: rules.params or accounts[].params):")
		keys := make([]string, 0, len(r.Params))
		for k := range r.Params {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b, _ := json.Marshal(r.Params[k])
			fmt.Fprintf(w, "  %s: %s\n", k, b)
		}
	}
	fmt.Fprintf(w, "\nremediation:\n  %s\n", strings.TrimSpace(r.Remediation))
	fmt.Fprintf(w, "\nTAM recommendation:\n  %s\n", strings.TrimSpace(r.TAMRecommendation))
	if len(r.References) > 0 {
		fmt.Fprintln(w, "\nreferences:")
		for _, ref := range r.References {
			fmt.Fprintf(w, "  %s\n", ref)
		}
	}
}

func newRulesTestCommand() *cobra.Command {
	var verbose bool
	var format string
	cmd := &cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego tests of the built-in rules and of your rule directories, with coverage",
		Long: `test runs every test_* rule in *_test.rego files of the built-in library and of the
directories given, with OPA's coverage. It exits 1 when a test fails or none ran.`,
		Example: `  tsa rules test
  tsa rules test ./my-rules -v`,
		RunE: func(cmd *cobra.Command, dirs []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			rep, err := rules.RunTests(cmd.Context(), dirs)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if format == "json" {
				if err := printJSON(out, rep); err != nil {
					return err
				}
			} else {
				for _, r := range rep.Results {
					switch {
					case !r.Pass:
						fmt.Fprintf(out, "FAIL  %s  %s\n", r.Name, r.Error)
						if r.Output != "" {
							fmt.Fprintf(out, "      %s\n", strings.ReplaceAll(strings.TrimSpace(r.Output), "\n", "\n      "))
						}
					case verbose:
						fmt.Fprintf(out, "PASS  %s\n", r.Name)
					}
				}
				fmt.Fprintf(out, "%d passed, %d failed, coverage %.1f%%\n", rep.Passed, rep.Failed, rep.Coverage)
			}
			switch {
			case rep.Failed > 0:
				return &codeError{code: exitError, err: fmt.Errorf("%d Rego test(s) failed", rep.Failed)}
			case rep.Passed == 0:
				return &codeError{code: exitError, err: fmt.Errorf("no Rego tests found")}
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list passing tests too")
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	return cmd
}
