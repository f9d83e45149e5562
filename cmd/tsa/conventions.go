package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpWidth is the width every --help text fits in.
const helpWidth = 80

// help writes a command's help: usage, examples first, then the description, subcommands and
// flags wrapped to 80 columns.
func help(c *cobra.Command, _ []string) {
	w := c.OutOrStdout()
	fmt.Fprintf(w, "Usage:\n  %s\n", c.UseLine())
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "  %s COMMAND\n", c.CommandPath())
	}
	if c.Example != "" {
		fmt.Fprintf(w, "\nExamples:\n%s\n", c.Example)
	}
	desc := c.Long
	if desc == "" {
		desc = c.Short
	}
	fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(desc))
	if c.HasAvailableSubCommands() {
		fmt.Fprintln(w, "\nCommands:")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				fmt.Fprintf(w, "  %-10s %s\n", sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(w, "\nFlags:\n%s", c.LocalFlags().FlagUsagesWrapped(helpWidth))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(w, "\nGlobal flags:\n%s", c.InheritedFlags().FlagUsagesWrapped(helpWidth))
	}
}

// envName is the environment variable that sets a flag: TSA_ and the flag's name in upper
// case with dashes as underscores (--fail-on: TSA_FAIL_ON).
func envName(flag string) string {
	return "TSA_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// flagsFromEnv sets every flag the command line left alone from its TSA_* variable.
func flagsFromEnv(cmd *cobra.Command) error {
	var err error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if err != nil || f.Changed || f.Name == "help" || f.Name == "version" {
			return
		}
		v, ok := os.LookupEnv(envName(f.Name))
		if !ok {
			return
		}
		if e := cmd.Flags().Set(f.Name, v); e != nil {
			err = usageError("%s=%q: %v", envName(f.Name), v, e)
		}
	})
	return err
}

// logFlags are --verbose and --log-level: structured logs on stderr saying which
// configuration, endpoint, credential source and store were used.
type logFlags struct {
	verbose bool
	level   string
}

func (l *logFlags) register(fl *pflag.FlagSet) {
	fl.BoolVarP(&l.verbose, "verbose", "v", false, "log what tsa uses: config file, endpoint, credential source, store")
	fl.StringVar(&l.level, "log-level", "warn", "log level: debug, info, warn, error (--verbose: info)")
}

// setup installs the logger.
func (l *logFlags) setup(w io.Writer) error {
	level := l.level
	if l.verbose && level == "warn" {
		level = "info"
	}
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		_, err := oneOfFlag("--log-level", level, []string{"debug", "info", "warn", "error"})
		return err
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: lv})))
	return nil
}
