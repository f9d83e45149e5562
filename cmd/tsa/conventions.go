package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"unicode/utf8"

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
	fmt.Fprintf(w, "\n%s\n", wrap(strings.TrimSpace(desc), helpWidth))
	if c.HasAvailableSubCommands() {
		fmt.Fprintln(w, "\nCommands:")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				fmt.Fprintln(w, wrap(fmt.Sprintf("  %-10s %s", sub.Name(), sub.Short), helpWidth))
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(w, "\nFlags:\n%s", flagUsages(c.LocalFlags()))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(w, "\nGlobal flags:\n%s", flagUsages(c.InheritedFlags()))
	}
}

// flagUsages lists flags, their value type and usage with the default, the usage column
// wrapped to helpWidth.
func flagUsages(fs *pflag.FlagSet) string {
	type row struct{ left, usage string }
	var rows []row
	col := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		left := "      --" + f.Name
		if f.Shorthand != "" {
			left = "  -" + f.Shorthand + ", --" + f.Name
		}
		name, usage := pflag.UnquoteUsage(f)
		if name != "" && f.Value.Type() != "bool" {
			left += " " + map[string]string{"stringArray": "value", "strings": "list", "int64": "int"}[name]
			if strings.HasSuffix(left, " ") {
				left += name
			}
		}
		switch f.DefValue {
		case "", "false", "0", "[]", "0s":
		default:
			if f.Value.Type() == "string" {
				usage += fmt.Sprintf(" (default %q)", f.DefValue)
			} else {
				usage += fmt.Sprintf(" (default %s)", f.DefValue)
			}
		}
		rows = append(rows, row{left, usage})
		col = max(col, utf8.RuneCountInString(left)+2)
	})
	col = min(col, 30)
	var b strings.Builder
	hang := strings.Repeat(" ", col)
	for _, r := range rows {
		first := r.left + strings.Repeat(" ", max(col-utf8.RuneCountInString(r.left), 0))
		if utf8.RuneCountInString(r.left)+2 > col {
			b.WriteString(r.left + "\n")
			first = hang
		}
		// The first line of a usage is filled beside the flag; further lines (a table of
		// values) follow below it, each wrapped under its own text.
		head, table, _ := strings.Cut(r.usage, "\n")
		for _, line := range fill(head, first, hang, helpWidth) {
			b.WriteString(line + "\n")
		}
		if table != "" {
			b.WriteString(wrap(strings.ReplaceAll("\n"+table, "\n", "\n    ")[1:], helpWidth) + "\n")
		}
	}
	return b.String()
}

// wrap fits text to width columns. Runs of unindented lines are paragraphs, refilled; an
// indented line (a list or a table row) is kept, and if too wide continues under its text.
func wrap(text string, width int) string {
	var out, para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, fill(strings.Join(para, " "), "", "", width)...)
			para = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if line != "" && line[0] != ' ' {
			para = append(para, strings.TrimSpace(line))
			continue
		}
		flush()
		if utf8.RuneCountInString(line) <= width {
			out = append(out, line)
			continue
		}
		body := strings.TrimLeft(line, " ")
		first, hang := line[:len(line)-len(body)], line[:len(line)-len(body)]+"  "
		if i := strings.Index(body, "  "); i > 0 {
			// A term and its text ("  new    failing in B"): the text continues under itself.
			j := i + len(body[i:]) - len(strings.TrimLeft(body[i:], " "))
			first += body[:j]
			hang = strings.Repeat(" ", utf8.RuneCountInString(first))
			body = body[j:]
		}
		out = append(out, fill(body, first, hang, width)...)
	}
	flush()
	return strings.Join(out, "\n")
}

// fill breaks words into lines of at most width columns, the first after first, the rest
// after rest.
func fill(text, first, rest string, width int) []string {
	var lines []string
	line := first
	for _, word := range strings.Fields(text) {
		prefix := line == first || line == rest
		if !prefix && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width {
			lines = append(lines, line)
			line = rest
			prefix = true
		}
		if !prefix {
			line += " "
		}
		line += word
	}
	return append(lines, line)
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
