package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/tsa-scanner/tsa/scanner/history"
)

// runMainEnv makes the test binary run tsa's main instead of the tests, so a test can run
// tsa as a real process with real file descriptors.
const runMainEnv = "RUN_TSA_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		os.Args = append([]string{"tsa"}, os.Args[1:]...)
		main()
	}
	os.Exit(m.Run())
}

// TestClosedStdoutLosesNothing runs `tsa scan … | head -3` with a real pipe whose reader
// stops after three lines: tsa is not killed by SIGPIPE, exits with the scan's code, and the
// scan is in the store and the --out files.
func TestClosedStdoutLosesNothing(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"summary", []string{"--top", "1000", "--out", "OUT"}},
		{"csv on stdout", []string{"--format", "csv"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			store, out := filepath.Join(dir, "tsa.db"), filepath.Join(dir, "out")
			args := []string{"scan", "--demo", "-q", "--store", store}
			for _, a := range tt.args {
				if a == "OUT" {
					a = out
				}
				args = append(args, a)
			}
			cmd := exec.Command(os.Args[0], args...)
			cmd.Env = append(os.Environ(), runMainEnv+"=1", "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(stdout)
			for i := 0; i < 3 && lines.Scan(); i++ {
			}
			stdout.Close() // what head does after three lines
			err = cmd.Wait()
			ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if ws.Signaled() {
				t.Fatalf("tsa was killed by %v", ws.Signal())
			}
			if err != nil {
				t.Fatalf("exit %d, want 0: %v", cmd.ProcessState.ExitCode(), err)
			}
			st, err := history.Open(context.Background(), store)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			scans, err := st.Scans(context.Background(), 0)
			if err != nil || len(scans) != 1 {
				t.Fatalf("the store holds %d scans (%v), want the one scanned", len(scans), err)
			}
			if len(tt.args) > 2 {
				if _, err := os.Stat(filepath.Join(out, "findings.json")); err != nil {
					t.Fatalf("--out: %v", err)
				}
			}
		})
	}
}
