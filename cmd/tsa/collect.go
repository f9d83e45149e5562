package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/scanner"
	"github.com/tsa-scanner/tsa/scanner/history"
)

func newCollectCommand() *cobra.Command {
	var (
		t     targetFlags
		out   string
		quiet bool
	)
	cmd := &cobra.Command{
		Use:   "collect",
		Short: "Read the configured accounts and save the inventory, without evaluating rules",
		Long: `collect does the reading half of a scan: it enters every configured account, reads every
product in every region (read-only) and writes the inventory — resources, and the outcome of
every planned API call — to a file, gzip'd when the name ends in .gz. tsa evaluate --inventory
runs the rules over it later, or elsewhere, with no access to the cloud.

The file is the inventory JSON (docs/inventory.md) with two more keys: "now", the clock the rules
will judge ages and expiries against (the scenario's day for --demo, else the collection time),
and "collected_at".

Exit codes are scan's: 3 when some data could not be read, 4 when interrupted (what was read
is written).`,
		Example: `  tsa collect --demo --out inventory.json.gz
  tsa collect --config tsa.yaml --out /var/lib/tsa/inventory-$(date +%F).json.gz
  tsa evaluate --inventory inventory.json.gz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return usageError("--out FILE is required (inventory.json or inventory.json.gz)")
			}
			if err := checkWritable(filepath.Dir(out)); err != nil {
				return usageError("--out %s: %v", out, err)
			}
			tg, err := openTarget(cmd, &t)
			if err != nil {
				return err
			}
			defer tg.close()
			prog := newProgress(cmd.ErrOrStderr(), quiet)
			col, err := scanner.Collect(cmd.Context(), scanner.CollectOptions{Config: tg.cfg, Credential: tg.cred, Client: tg.client, Progress: prog.update})
			prog.done()
			if err != nil {
				if errors.Is(err, scanner.ErrCredential) {
					return fmt.Errorf("%w\ncheck the SecretId and SecretKey (or the profile/role tsa took them from)", err)
				}
				return err
			}
			collected := time.Now().UTC()
			now := tg.now
			if now.IsZero() {
				now = collected
			}
			if err := history.WriteSnapshot(out, &history.Snapshot{Now: now, CollectedAt: collected, Inventory: *col.Inventory}); err != nil {
				return err
			}
			inv := col.Inventory
			failed := len(inv.Failed())
			fmt.Fprintf(cmd.OutOrStdout(), "Collected %d resources in %d account(s); %d of %d planned reads succeeded\nWrote %s\n",
				len(inv.Resources), len(inv.Accounts), len(inv.Coverage)-failed, len(inv.Coverage), out)
			accountFailed := false
			for _, a := range inv.Accounts {
				accountFailed = accountFailed || a.Error != ""
			}
			switch {
			case col.Interrupted:
				return &codeError{code: exitInterrupted, err: errors.New("interrupted: the inventory holds what was read before the signal")}
			case failed > 0 || accountFailed:
				return &codeError{code: exitPartial, err: errors.New("the inventory is partial: some data could not be read; rules over it will report unknown")}
			}
			return nil
		},
	}
	t.register(cmd.Flags())
	cmd.Flags().StringVarP(&out, "out", "o", "", "inventory file to write (.json, or .json.gz for gzip)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress lines")
	return cmd
}
