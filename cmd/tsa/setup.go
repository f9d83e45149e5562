package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/spf13/cobra"
)

// trustPolicy is a CAM role's trust policy (syntax version 2.0): who may assume the role.
type trustPolicy struct {
	Version   string           `json:"version"`
	Statement []trustStatement `json:"statement"`
}

type trustStatement struct {
	Action    string                       `json:"action"`
	Effect    string                       `json:"effect"`
	Principal map[string][]string          `json:"principal"`
	Condition map[string]map[string]string `json:"condition"`
}

var (
	setupUIN      = regexp.MustCompile(`^[0-9]{5,20}$`)
	setupRoleName = regexp.MustCompile(`^[\w+=,.@-]{1,128}$`)
	// Tencent Cloud accepts external ids of 2–128 letters, digits and =,.@:/-.
	setupExternalID = regexp.MustCompile(`^[\w+=,.@:/-]{2,128}$`)
)

func newSetupCommand() *cobra.Command {
	var trusted, account, role, externalID string
	cmd := &cobra.Command{
		Use:   "setup",
		Short: "Print the CAM role, trust policy and commands that let tsa scan an account",
		Example: `  tsa setup --trusted-uin 100000000001 --account 100012345678
  tsa setup --trusted-uin 100000000001 --external-id "$EXTERNAL_ID"`,
		Long: `setup prints what an account's administrator runs to let tsa in: a CAM role
that the account tsa runs as (--trusted-uin) may assume only with the
ExternalId, the read-only policy (tsa policy) attached to it, and the
accounts entry for tsa.yaml. It calls nothing: review and run the commands
(tccli) in the account to scan. Without --external-id a random one is made;
keep it: the role refuses an AssumeRole without it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !setupUIN.MatchString(trusted) {
				return usageError("--trusted-uin %q: want the UIN (digits) of the account tsa runs as", trusted)
			}
			if account != "" && !setupUIN.MatchString(account) {
				return usageError("--account %q: want the UIN (digits) of the account to scan", account)
			}
			if !setupRoleName.MatchString(role) {
				return usageError("--role-name %q: want 1–128 letters, digits and +=,.@-_", role)
			}
			if externalID == "" {
				b := make([]byte, 16)
				if _, err := rand.Read(b); err != nil {
					return err
				}
				externalID = hex.EncodeToString(b)
			} else if !setupExternalID.MatchString(externalID) {
				return usageError("--external-id %q: want 2–128 letters, digits and =,.@:/-", externalID)
			}
			trust, err := json.Marshal(trustPolicy{Version: "2.0", Statement: []trustStatement{{
				Action: "name/sts:AssumeRole", Effect: "allow",
				Principal: map[string][]string{"qcs": {"qcs::cam::uin/" + trusted + ":root"}},
				Condition: map[string]map[string]string{"string_equal": {"sts:external_id": externalID}},
			}}})
			if err != nil {
				return err
			}
			uin := account
			if uin == "" {
				uin = "<UIN of the account to scan>"
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, `# 1. In the account to scan, create the role %[1]s. Its trust policy lets
#    account %[2]s assume it, only with the ExternalId %[3]s:
tccli cam CreateRole --RoleName %[1]s --ConsoleLogin 0 --SessionDuration 43200 \
  --PolicyDocument '%[4]s'

# 2. Create tsa's read-only policy and attach it to the role:
tccli cam CreatePolicy --PolicyName %[1]sPolicy --PolicyDocument "$(tsa policy)"
tccli cam AttachRolePolicy --AttachRoleName %[1]s --PolicyName %[1]sPolicy

# 3. In tsa.yaml, enter the account through the role:
accounts:
  - uin: "%[5]s"
    role:
      arn: qcs::cam::uin/%[5]s:roleName/%[1]s
      external_id: %[3]s
`, role, trusted, externalID, trust, uin)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&trusted, "trusted-uin", "", "UIN of the account tsa runs as (its keys or instance role)")
	fl.StringVar(&account, "account", "", "UIN of the account to scan, for the tsa.yaml entry")
	fl.StringVar(&role, "role-name", "TSAReadOnly", "name of the role to create")
	fl.StringVar(&externalID, "external-id", "", "ExternalId the role demands (default: a random one)")
	return cmd
}
