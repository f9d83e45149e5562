package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/fixtures"
)

func newEmulatorCommand() *cobra.Command {
	var scenario, dir, listen string
	var faults []string
	cmd := &cobra.Command{
		Use:   "emulator",
		Short: "Serve a simulated Tencent Cloud (API 3.0) from a scenario",
		Long: `emulator runs tsa's Tencent Cloud API emulator: it verifies TC3-HMAC-SHA256 signatures,
issues STS temporary credentials, pages lists as the real API does and serves a scenario's
accounts and resources. Point tsa (or any tencentcloud-sdk-go program) at it with an endpoint
override and scheme HTTP. It runs until Ctrl-C.

Faults (--fault, or faults: in the scenario's scenario.yaml) make it behave as a real cloud
on a bad day: throttling at the published per-action limits, latency, 5xx, resets, timeouts,
truncated bodies, missing permissions, expiring credentials, a region down. The random ones
are drawn from the seed and the request, so the same seed gives the same faults.`,
		Example: `  tsa emulator --scenario demo --listen 127.0.0.1:8080
  TSA_ENDPOINT=http://127.0.0.1:8080 TENCENTCLOUD_SECRET_ID=… \
    TENCENTCLOUD_SECRET_KEY=… tsa scan -c tsa.yaml
  tsa emulator --dir ./my-scenario --fault region-down=ap-beijing
  tsa emulator --fault throttle --fault latency=30ms±10ms \
    --fault error-rate=0.1 --fault seed=42`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sc, err := loadScenario(scenario, dir)
			if err != nil {
				return err
			}
			if err := applyFaults(sc, faults); err != nil {
				return err
			}
			emu, err := fixtures.Listen(sc, listen)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "tsa emulator: scenario %q on %s\n\n", sc.Name, emu.Endpoint)
			fmt.Fprintf(out, "  export TSA_ENDPOINT=%s\n", emu.Endpoint)
			for _, a := range sc.Accounts {
				for _, k := range a.Keys {
					fmt.Fprintf(out, "  # account %s (%s)\n  export TENCENTCLOUD_SECRET_ID=%s TENCENTCLOUD_SECRET_KEY=%s\n", a.UIN, a.Name, k.SecretID, k.SecretKey)
				}
				for _, r := range a.Roles {
					fmt.Fprintf(out, "  # role for account %s, assumable by %s: arn qcs::cam::uin/%s:roleName/%s external_id %q\n",
						a.UIN, strings.Join(r.Trusted, ", "), a.UIN, r.Name, r.ExternalID)
				}
			}
			fmt.Fprintln(out, "\nCtrl-C stops it.")
			<-cmd.Context().Done()
			return emu.Close()
		},
	}
	cmd.Flags().StringVar(&scenario, "scenario", "demo", "built-in scenario to serve ("+strings.Join(fixtures.Embedded(), ", ")+")")
	cmd.Flags().StringVar(&dir, "dir", "", "serve the scenario in this directory instead of a built-in one")
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	cmd.Flags().StringArrayVar(&faults, "fault", nil, fixtures.FaultSyntax)
	return cmd
}

func loadScenario(name, dir string) (*fixtures.Scenario, error) {
	if dir != "" {
		return fixtures.LoadDir(dir)
	}
	return fixtures.LoadEmbedded(name)
}

// applyFaults reads --fault flags into the scenario's faults (syntax: fixtures.FaultSyntax).
func applyFaults(sc *fixtures.Scenario, specs []string) error {
	for _, spec := range specs {
		if err := sc.Faults.Set(spec); err != nil {
			return usageError("%v", err)
		}
	}
	return nil
}
