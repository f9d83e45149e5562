package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/collectors"
)

// camPolicy is a CAM policy document (syntax version 2.0).
type camPolicy struct {
	Version   string         `json:"version"`
	Statement []camStatement `json:"statement"`
}

type camStatement struct {
	Effect   string   `json:"effect"`
	Action   []string `json:"action"`
	Resource []string `json:"resource"`
}

func newPolicyCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "policy",
		Short: "Print the least-privilege CAM policy tsa needs",
		Long: `policy prints a CAM policy document that allows exactly the read actions tsa's collectors
declare (the same list its read-only guard enforces) plus sts:AssumeRole for entering other
accounts. Create it as a custom policy in every account tsa scans and attach it to the user or
role tsa runs as.`,
		Example: `  tsa policy > tsa-policy.json
  tccli cam CreatePolicy --PolicyName TSAReadOnly \
    --PolicyDocument "$(tsa policy)"
  tsa setup --trusted-uin 100000000001   # the role and its trust policy`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out, err := leastPrivilegePolicy()
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), string(out))
			return err
		},
	}
}

// leastPrivilegePolicy renders the policy allowing collectors.ReadOnlyActions on every resource
// (the read actions tsa calls take no resource-level restriction).
func leastPrivilegePolicy() ([]byte, error) {
	return json.MarshalIndent(camPolicy{
		Version: "2.0",
		Statement: []camStatement{{
			Effect:   "allow",
			Action:   collectors.ReadOnlyActions(),
			Resource: []string{"*"},
		}},
	}, "", "  ")
}
