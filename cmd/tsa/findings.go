package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner/history"
)

func newFindingsCommand() *cobra.Command {
	var (
		store                storeFlags
		format               string
		q                    history.Query
		olderThan, newerThan string
		maskKeys             bool
	)
	cmd := &cobra.Command{
		Use:   "findings",
		Short: "Query findings across scans by status, severity, pillar, rule, account and age",
		Long: `findings lists findings from the history store with their lifecycle: when each was first
and last seen failing, whether it is open or resolved, and what the latest scan of its account
did to it. By default it lists the open ones, most severe first.

--status takes (comma-separated or repeated):
  open        failing or waived and not resolved (the default)
  resolved    failing once, passing since
  fail, waived  open, with that status
  unknown     what the latest scan of each account could not assess
  new, persisting, reopened, carried
              what the latest scan of the account did to it ("carried": still open
              but not re-assessed, because what it covers could not be read)
  all

Age is the time since a finding was first seen failing.`,
		Example: `  tsa findings
  tsa findings --severity high --pillar security
  tsa findings --status new,reopened --account 100012345678
  tsa findings --status open --older-than 30d --format json
  tsa findings --rule TSA-CVM-201 --status all`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			for _, f := range []struct {
				flag  string
				into  *[]string
				valid []string
			}{{"--status", &q.Status, history.Statuses}, {"--severity", &q.Severity, result.Severities}, {"--pillar", &q.Pillar, result.Pillars}} {
				for i, v := range *f.into {
					norm, err := oneOfFlag(f.flag, v, f.valid)
					if err != nil {
						return err
					}
					(*f.into)[i] = norm
				}
			}
			for i, r := range q.Rule {
				q.Rule[i] = strings.ToUpper(r)
			}
			for _, a := range []struct {
				flag, value string
				into        *time.Duration
			}{{"--older-than", olderThan, &q.MinAge}, {"--newer-than", newerThan, &q.MaxAge}} {
				if a.value == "" {
					continue
				}
				d, err := config.ParseRetention(a.value)
				if err != nil {
					return usageError("%s: %v", a.flag, err)
				}
				*a.into = d
			}
			q.Now = time.Now()
			st, err := store.open(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			issues, err := st.Issues(cmd.Context(), q)
			if err != nil {
				return usageError("%v", err)
			}
			if format == "json" {
				if issues == nil {
					issues = []history.Issue{}
				}
				return printJSON(cmd.OutOrStdout(), issues, maskKeys)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "STATE\tLATEST\tSEVERITY\tRULE\tACCOUNT\tREGION\tRESOURCE\tAGE\tMESSAGE")
			for _, is := range issues {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", is.State, orDash(string(is.Event)), strings.ToUpper(is.Severity),
					is.RuleID, shown(is.Account), shown(orGlobal(is.Region)), shown(is.ResourceID), age(is.Age(q.Now)), shown(is.Message))
			}
			tw.Flush()
			fmt.Fprintf(cmd.OutOrStdout(), "%d finding(s)\n", len(issues))
			return nil
		},
	}
	fl := cmd.Flags()
	store.register(fl, false)
	store.registerConfig(fl)
	addFormatFlag(fl, &format)
	fl.BoolVar(&maskKeys, "mask-keys", true, "mask SecretIds (AKID…); --mask-keys=false shows them")
	fl.StringSliceVar(&q.Status, "status", nil, "open (default), resolved, fail, waived, unknown, new, persisting, reopened, carried or all")
	fl.StringSliceVar(&q.Severity, "severity", nil, "high, medium, low")
	fl.StringSliceVar(&q.Pillar, "pillar", nil, "security, reliability, service_limits, cost, performance")
	fl.StringSliceVar(&q.Rule, "rule", nil, "rule id, e.g. TSA-VPC-001")
	fl.StringSliceVar(&q.Account, "account", nil, "account UIN")
	fl.StringVar(&olderThan, "older-than", "", "first seen longer ago than this (e.g. 30d)")
	fl.StringVar(&newerThan, "newer-than", "", "first seen within this (e.g. 7d)")
	return cmd
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
