package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

func newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print tsa's version and the SDK and OPA versions it was built with",
		Example: "  tsa version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(cmd.OutOrStdout(), "tsa %s\n", tsaVersion())
			info, ok := debug.ReadBuildInfo()
			if ok {
				for _, d := range info.Deps {
					switch d.Path {
					case "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common", "github.com/open-policy-agent/opa":
						fmt.Fprintf(cmd.OutOrStdout(), "  %s %s\n", d.Path, d.Version)
					}
				}
				fmt.Fprintf(cmd.OutOrStdout(), "  %s\n", info.GoVersion)
			}
			return nil
		},
	}
}

// tsaVersion is the version set at build time, else the module version Go recorded.
func tsaVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		return info.Main.Version
	}
	return ""
}
