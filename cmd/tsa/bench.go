package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/tsa-scanner/tsa/collectors"
	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/rules"
	"github.com/tsa-scanner/tsa/scanner"
)

// taskShapes are the call chains of the collectors the estate exercises (collectors/cvm.go,
// vpc.go, cbs.go): pages one after the other, then per-resource calls side by side.
var taskShapes = [][]struct {
	action   string
	parallel bool
}{
	{{"cvm:DescribeInstances", false}},
	{{"vpc:DescribeSecurityGroups", false}, {"vpc:DescribeSecurityGroupPolicies", true}},
	{{"cbs:DescribeDisks", false}, {"cbs:DescribeSnapshots", false}},
}

func newBenchCommand() *cobra.Command {
	var (
		spec        fixtures.EstateSpec
		latency     time.Duration
		concurrency int
		evaluate    bool
	)
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure a scan of a large generated estate against its lower bound",
		Long: `bench generates a large estate (two accounts, many regions, CVM instances, security groups
with their policies, disks and snapshots; the same seed gives the same estate), serves it from
the emulator with a fixed latency per call and the published per-action rate limits enforced,
and collects it with tsa's client layer. It prints the collection's wall time, the lower bound
on that time computed from the calls made (see docs/benchmarks.md), their ratio, the call
accounting, the evaluation time and the process's peak RSS (emulator included).`,
		Example: `  tsa bench
  tsa bench --resources 40000 --regions 12 --concurrency 32`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
			started := time.Now()
			sc, err := fixtures.Estate(spec)
			if err != nil {
				return usageError("%v", err)
			}
			generated := time.Since(started)
			sc.Faults.Throttle, sc.Faults.Latency = true, latency
			emu, err := fixtures.Listen(sc, "127.0.0.1:0")
			if err != nil {
				return fmt.Errorf("starting the emulator: %w", err)
			}
			defer emu.Close()
			cfg, cred, err := sc.ScanConfig(emu.Endpoint)
			if err != nil {
				return err
			}
			if concurrency > 0 {
				cfg.Concurrency = concurrency
			}

			started = time.Now()
			col, err := scanner.Collect(cmd.Context(), scanner.CollectOptions{Config: cfg, Credential: cred})
			if err != nil {
				return err
			}
			collected := time.Since(started)
			entry, tasks := callChains(emu.Calls())
			bound := scanner.LowerBound(entry, tasks, latency, collectors.DefaultRateFactor, cfg.Concurrency)
			unbounded := scanner.LowerBound(entry, tasks, latency, collectors.DefaultRateFactor, len(tasks))

			calls, retries, throttles, errs := 0, 0, 0, 0
			for _, c := range col.Calls {
				calls, retries, throttles, errs = calls+c.Calls, retries+c.Retries, throttles+c.Throttles, errs+c.Errors
			}
			fmt.Fprintf(out, "tsa bench: %d resources, 2 accounts × %d regions, seed %d, %v per call, published limits enforced\n",
				spec.Resources, spec.Regions, spec.Seed, latency)
			fmt.Fprintf(out, "  generate   %v\n", generated.Round(time.Millisecond))
			fmt.Fprintf(out, "  collect    %v  %d resources, %d tasks on %d workers; %d calls, %d retries, %d throttled, %d errors\n",
				collected.Round(time.Millisecond), len(col.Inventory.Resources), len(tasks), cfg.Concurrency, calls, retries, throttles, errs)
			fmt.Fprintf(out, "  bound      %v  (%v with a worker per task)\n", bound.Round(time.Millisecond), unbounded.Round(time.Millisecond))
			fmt.Fprintf(out, "  ratio      %.2f  (collect ÷ bound; target ≤ 1.3)\n", collected.Seconds()/bound.Seconds())
			if evaluate {
				engine, err := rules.New(cmd.Context(), rules.Options{})
				if err != nil {
					return err
				}
				started, cpu := time.Now(), cpuTime()
				res, err := scanner.Evaluation{Engine: engine}.Run(cmd.Context(), col.Inventory, sc.Now)
				if err != nil {
					return err
				}
				fmt.Fprintf(out, "  evaluate   %v  %.1f CPU s on %d cores, %d findings\n", time.Since(started).Round(time.Millisecond),
					(cpuTime() - cpu).Seconds(), runtime.GOMAXPROCS(0), len(res.Findings))
			}
			fmt.Fprintf(out, "  peak RSS   %s  (emulator and estate included)\n", peakRSS())
			fmt.Fprintf(out, "  machine    %d CPUs, %s, %s/%s, %s\n", runtime.NumCPU(), cpuModel(), runtime.GOOS, runtime.GOARCH, runtime.Version())
			if failed := col.Inventory.Failed(); len(failed) > 0 {
				return &codeError{code: exitPartial, err: fmt.Errorf("%d planned reads failed, first: %s %s %s: %s",
					len(failed), failed[0].Account, failed[0].Region, failed[0].Action, failed[0].Code)}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&spec.Resources, "resources", 20000, "resources in the estate")
	fl.IntVar(&spec.Regions, "regions", 10, "regions per account")
	fl.Uint64Var(&spec.Seed, "seed", 1, "seed of the generated estate")
	fl.DurationVar(&latency, "latency", 30*time.Millisecond, "latency of every API call")
	fl.IntVar(&concurrency, "concurrency", 0, fmt.Sprintf("collection tasks run at once (default %d, as a scan)", config.DefaultConcurrency))
	fl.BoolVar(&evaluate, "evaluate", true, "also time the rules' evaluation of the collected inventory")
	return cmd
}

// callChains turns the calls the emulator answered into the scan's plan: the account entry
// calls, in order, and one chain per collection task. Failed answers are retries, not plan.
func callChains(calls []fixtures.Call) (entry scanner.Chain, tasks []scanner.Chain) {
	count := map[[3]string]int{} // account, region, service:Action
	var places [][2]string
	seen := map[[2]string]bool{}
	for _, c := range calls {
		if c.Code != "" || c.Fault != "" {
			continue
		}
		action := c.Service + ":" + c.Action
		if c.Service == "sts" || c.Service == "region" {
			entry = append(entry, scanner.Segment{Action: action, Calls: 1})
			continue
		}
		count[[3]string{c.Account, c.Region, action}]++
		if p := [2]string{c.Account, c.Region}; !seen[p] {
			seen[p] = true
			places = append(places, p)
		}
	}
	for _, p := range places {
		for _, shape := range taskShapes {
			var chain scanner.Chain
			for _, s := range shape {
				if n := count[[3]string{p[0], p[1], s.action}]; n > 0 {
					chain = append(chain, scanner.Segment{Action: s.action, Calls: n, Parallel: s.parallel})
				}
			}
			if len(chain) > 0 {
				tasks = append(tasks, chain)
			}
		}
	}
	return entry, tasks
}

// peakRSS is the process's peak resident set (VmHWM in /proc/self/status, Linux only).
func peakRSS() string {
	v := readField("/proc/self/status", "VmHWM:")
	if kb, ok := strings.CutSuffix(v, " kB"); ok {
		if n, err := strconv.Atoi(kb); err == nil {
			return fmt.Sprintf("%d MiB", n/1024)
		}
	}
	return v
}

// cpuTime is the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func cpuModel() string {
	return readField("/proc/cpuinfo", "model name")
}

// readField returns the value after the first line of path that starts with prefix.
func readField(path, prefix string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), prefix); ok {
			return strings.TrimSpace(strings.TrimLeft(rest, " \t:"))
		}
	}
	return "unknown"
}
