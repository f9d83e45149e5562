package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/support"
)

func newPlansCommand() *cobra.Command {
	var file, format, configPath string
	cmd := &cobra.Command{
		Use:   "plans",
		Short: "Print the support plans: tiers, entitlements and first-response times",
		Long: `plans prints Tencent Cloud's support plans as tsa knows them: each tier's entitlements and
its first-response time at each case severity ("-": the tier cannot open a case at that
severity). The data is support/plans.yaml, built in; --plans (or support_plans in the
configuration) replaces it with your own file, checked with file:line errors.

Each account declares its plan in the configuration (plan: enterprise), basic by default.
Tickets tsa files are graded General, or System impaired where the ticket policy raises a
rule, never higher, and capped by what the plan can open (see docs/tickets.md).`,
		Example: `  tsa plans
  tsa plans --config tsa.yaml   # each account's plan, and support_plans if set
  tsa plans --plans my-plans.yaml --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			var cfg *config.Config
			if configPath != "" {
				var err error
				if cfg, err = config.Load(configPath); err != nil {
					return &codeError{code: exitUsage, err: err}
				}
				if file == "" {
					file = cfg.SupportPlans
				}
			}
			cat := support.Builtin()
			if file != "" {
				var err error
				if cat, err = config.LoadPlans(file); err != nil {
					return &codeError{code: exitUsage, err: err}
				}
			}
			var accounts []config.Account
			if cfg != nil {
				accounts = cfg.Accounts
			}
			if format == "json" {
				return printJSON(cmd.OutOrStdout(), map[string]any{"catalog": cat, "accounts": accounts})
			}
			w := cmd.OutOrStdout()
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			head := []string{"SEVERITY"}
			for _, p := range cat.Plans {
				head = append(head, strings.ToUpper(p.Tier))
			}
			fmt.Fprintln(tw, strings.Join(head, "\t"))
			for _, s := range cat.Severities {
				row := []string{fmt.Sprintf("%s (%s)", s.Key, s.Name)}
				for _, p := range cat.Plans {
					cell := "-"
					if d, ok := p.Response[s.Key]; ok {
						cell = "< " + support.FormatResponse(time.Duration(d))
					}
					row = append(row, cell)
				}
				fmt.Fprintln(tw, strings.Join(row, "\t"))
			}
			tw.Flush()
			fmt.Fprintln(w)
			for _, p := range cat.Plans {
				fmt.Fprintf(w, "%-11s %s\n", p.Tier, strings.Join(p.Entitlements, ", "))
			}
			if len(accounts) > 0 {
				fmt.Fprintln(w)
				for _, a := range accounts {
					name := ""
					if a.Name != "" {
						name = " (" + a.Name + ")"
					}
					fmt.Fprintf(w, "account %s%s: %s plan\n", a.UIN, name, a.Plan)
				}
			}
			fmt.Fprintf(w, "\ntsa grades its tickets %s at most; see docs/tickets.md.\n", support.ScannerCeiling)
			return nil
		},
	}
	cmd.Flags().StringVar(&file, "plans", "", "support plans file replacing the built-in one")
	cmd.Flags().StringVarP(&configPath, "config", "c", "", "configuration: print each account's plan and use its support_plans")
	addFormatFlag(cmd.Flags(), &format)
	return cmd
}
