package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/result"
	"github.com/tsa-scanner/tsa/scanner/history"
)

func newDiffCommand() *cobra.Command {
	var (
		store  storeFlags
		format string
	)
	cmd := &cobra.Command{
		Use:   "diff [A] [B]",
		Short: "Show what is new, resolved and changed between two scans",
		Long: `diff compares the failing findings of two recorded scans (ids from tsa history): scan A,
the earlier, and scan B, the later. Without arguments it compares the last two scans; with
one, that scan and the latest.

  new         failing in B, not in A
  resolved    failing in A, assessed in B and passing
  changed     failing in both, with another severity or status
  not re-assessed
              failing in A, but B could not read them (a region down, a permission
              missing) or did not scan their account: they are NOT resolved`,
		Example: `  tsa diff
  tsa diff 12 15
  tsa diff 12 --format json`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			var ids []int64
			for _, a := range args {
				id, err := strconv.ParseInt(a, 10, 64)
				if err != nil || id <= 0 {
					return usageError("%q is not a scan id (see tsa history)", a)
				}
				ids = append(ids, id)
			}
			st, err := store.open(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			if len(ids) < 2 {
				latest, err := st.Latest(cmd.Context(), 2)
				if err != nil {
					return err
				}
				switch {
				case len(ids) == 1 && len(latest) > 0:
					ids = append(ids, latest[0])
				case len(ids) == 0 && len(latest) == 2:
					ids = []int64{latest[1], latest[0]}
				default:
					return fmt.Errorf("%s holds %d scan(s): diff needs two", st.Path(), len(latest))
				}
			}
			d, err := st.Diff(cmd.Context(), ids[0], ids[1])
			if err != nil {
				return err
			}
			if format == "json" {
				return printJSON(cmd.OutOrStdout(), d, true)
			}
			printDiff(cmd.OutOrStdout(), d)
			return nil
		},
	}
	store.register(cmd.Flags(), false)
	store.registerConfig(cmd.Flags())
	addFormatFlag(cmd.Flags(), &format)
	return cmd
}

func printDiff(w io.Writer, d *history.Diff) {
	fmt.Fprintf(w, "scan %d (%s, score %.1f %s) → scan %d (%s, score %.1f %s)\n",
		d.From.ID, when(d.From.StartedAt), d.From.Overall, d.From.Band, d.To.ID, when(d.To.StartedAt), d.To.Overall, d.To.Band)
	section := func(title string, fs []result.Finding) {
		fmt.Fprintf(w, "\n%s: %d\n", title, len(fs))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, f := range fs {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", strings.ToUpper(f.Severity), f.RuleID, shown(f.Account), shown(orGlobal(f.Region)), shown(f.ResourceID), shown(f.Message))
		}
		tw.Flush()
	}
	section("New", d.New)
	section("Resolved", d.Resolved)
	fmt.Fprintf(w, "\nChanged: %d\n", len(d.Changed))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range d.Changed {
		fmt.Fprintf(tw, "  %s %s → %s %s\t%s\t%s\t%s\t%s\n", strings.ToUpper(c.Before.Severity), c.Before.Status,
			strings.ToUpper(c.After.Severity), c.After.Status, c.After.RuleID, shown(c.After.Account), shown(orGlobal(c.After.Region)), shown(c.After.ResourceID))
	}
	tw.Flush()
	if len(d.Unassessed) > 0 {
		section("Not re-assessed (still open: scan "+strconv.FormatInt(d.To.ID, 10)+" could not read them)", d.Unassessed)
	}
	fmt.Fprintf(w, "\nPersisting: %d\n", d.Persisting)
}

func orGlobal(region string) string {
	if region == "" {
		return "global"
	}
	return region
}
