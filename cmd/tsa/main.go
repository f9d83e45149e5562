// Command tsa is a read-only cloud risk-assessment scanner for Tencent Cloud.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/report"
	"github.com/tsa-scanner/tsa/scanner"
)

// Exit codes, for cron and CI. Documented in `tsa scan --help`.
const (
	exitOK          = 0
	exitError       = 1 // the command could not do its job
	exitUsage       = 2 // bad flags or configuration
	exitPartial     = 3 // the scan finished but some data could not be read
	exitInterrupted = 4 // stopped by SIGINT/SIGTERM; what was collected is kept
	exitFindings    = 5 // --fail-on: a failing finding at or above the given severity
	exitLocked      = 6 // another scan held the history store past --lock-timeout
)

// exitError carries a command's exit code with its error; a nil err exits quietly.
type codeError struct {
	code int
	err  error
}

func (e *codeError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit code %d", e.code)
	}
	return e.err.Error()
}

func (e *codeError) Unwrap() error { return e.err }

func usageError(format string, args ...any) error {
	return &codeError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

func main() {
	// A closed stdout (tsa scan | head) makes writes fail with EPIPE instead of killing tsa
	// before the scan is recorded and written.
	signal.Ignore(syscall.SIGPIPE)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns its exit code; errors go to stderr, never a
// stack trace.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	return exitCode(suggest(cmd, err), stderr)
}

// cleanLines sanitises each line of an error message: errors carry text from the cloud (an
// API's error message) and from files, and reach a terminal.
func cleanLines(msg string) string {
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		lines[i] = report.Clean(l)
	}
	return strings.Join(lines, "\n")
}

// unknownCommand is cobra's error for a word that names no subcommand.
var unknownCommand = regexp.MustCompile(`^unknown command "([^"]*)" for "[^"]*"$`)

// suggest adds the nearest subcommand to an unknown-command error that lacks one (cobra
// suggests only at the top level).
func suggest(cmd *cobra.Command, err error) error {
	m := unknownCommand.FindStringSubmatch(fmt.Sprint(err))
	if err == nil || m == nil || cmd == nil {
		return err
	}
	var names []string
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
		}
	}
	if near := nearest(m[1], names); near != "" {
		return fmt.Errorf("%w\n\nDid you mean this?\n\t%s", err, near)
	}
	return err
}

// strictGroups makes every command that only groups others (tsa rules) refuse an unknown
// subcommand with exit 2, instead of printing its help and exiting 0.
func strictGroups(c *cobra.Command) {
	for _, sub := range c.Commands() {
		strictGroups(sub)
	}
	if !c.HasParent() || c.Runnable() || !c.HasSubCommands() {
		return
	}
	c.Args = cobra.ArbitraryArgs
	c.RunE = func(c *cobra.Command, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unknown command %q for %q", args[0], c.CommandPath())
		}
		return c.Help()
	}
}

// exitCode reports a command's error on w and returns the process exit code for it.
func exitCode(err error, w io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ce *codeError
	if errors.As(err, &ce) {
		if ce.err != nil {
			fmt.Fprintln(w, "tsa:", cleanLines(ce.err.Error()))
		}
		return ce.code
	}
	if errors.Is(err, scanner.ErrConfig) {
		fmt.Fprintln(w, "tsa:", err)
		return exitUsage
	}
	if strings.HasPrefix(err.Error(), "unknown command") || strings.HasPrefix(err.Error(), "accepts ") || strings.Contains(err.Error(), "arg(s)") {
		msg := strings.TrimSpace(strings.ReplaceAll(err.Error(), "\n\nDid you mean this?\n\t", " — did you mean "))
		msg = strings.ReplaceAll(msg, "\n\t", ", ")
		fmt.Fprintln(w, "tsa:", msg, "(see tsa --help)")
		return exitUsage
	}
	fmt.Fprintln(w, "tsa:", cleanLines(err.Error()))
	return exitError
}

func newRootCommand() *cobra.Command {
	var logs logFlags
	root := &cobra.Command{
		Use:   "tsa",
		Short: "Read-only risk assessment for Tencent Cloud",
		Long: `tsa reads your Tencent Cloud configuration through the API (never writing),
evaluates it against Rego rules for security, reliability, service-limit,
cost and performance risks, and scores it the way Tencent Smart Advisor does.

Every flag can also be set as TSA_<FLAG> (TSA_FAIL_ON=high); a flag on the
command line wins. Full reference: docs/cli.md.`,
		Example: `  tsa scan --demo                 # try it without an account
  tsa setup --role-uin 100012345678 # create the role tsa scans with
  tsa scan -c tsa.yaml --out out/ --format json,csv,markdown
  tsa history; tsa diff; tsa findings --severity high`,
		Version:       tsaVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if err := flagsFromEnv(cmd); err != nil {
				return err
			}
			return logs.setup(cmd.ErrOrStderr())
		},
	}
	root.SetVersionTemplate("tsa {{.Version}}\n")
	root.SetHelpFunc(help)
	logs.register(root.PersistentFlags())
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &codeError{code: exitUsage, err: fmt.Errorf("%w (see %s --help)", err, c.CommandPath())}
	})
	root.AddCommand(newScanCommand(), newEmulatorCommand(), newRulesCommand(), newPolicyCommand(), newVersionCommand(),
		newCollectCommand(), newEvaluateCommand(), newHistoryCommand(), newDiffCommand(), newFindingsCommand(),
		newBenchCommand(), newPlansCommand(), newTicketsCommand(), newSetupCommand(), newIEMCommand(), newReportCommand())
	strictGroups(root)
	return root
}
