package report

import (
	"io"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// BenchmarkMonthly10k builds and renders a month (model, PDF, findings CSV) over a store whose
// last scan has 10,000 open findings, with six months of history behind it. The peak RSS is
// the whole process's, the store's recording included, so it bounds the rendering's. Run alone:
//
//	go test ./report -run '^$' -bench Monthly10k -benchtime 3x
func BenchmarkMonthly10k(b *testing.B) {
	st := newHistory(b, historySpec{months: 6, findings: 10000, plan: "enterprise"})
	runtime.GC()
	var building, rendering time.Duration
	size := 0
	cpu0 := cpuTime()
	for b.Loop() {
		start := time.Now()
		m := build(b, st, "zh-CN", nil)
		building += time.Since(start)
		start = time.Now()
		cw := &countingWriter{}
		if err := WritePDF(cw, m, "f.csv"); err != nil {
			b.Fatal(err)
		}
		if err := WriteFindingsCSV(io.Discard, m); err != nil {
			b.Fatal(err)
		}
		rendering += time.Since(start)
		size = cw.n
	}
	n := time.Duration(b.N)
	// CPU time as well as wall time: on a shared machine the wall time includes waiting for a core.
	b.ReportMetric(((cpuTime() - cpu0) / n).Seconds(), "cpu-s/op")
	b.ReportMetric((building / n).Seconds(), "build-s/op")
	b.ReportMetric((rendering / n).Seconds(), "render-s/op")
	b.ReportMetric(float64(size)/1024, "pdf-KiB")
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	b.ReportMetric(float64(ru.Maxrss)/1024, "peakRSS-MiB") // Linux reports KiB
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }
