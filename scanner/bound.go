package scanner

import (
	"time"

	"github.com/tsa-scanner/tsa/collectors"
)

// Segment is a run of calls of one account × region × action inside a collection task.
type Segment struct {
	Action string // service:Action: its token bucket
	Calls  int
	// Parallel calls may overlap (per-resource calls); otherwise each waits for the one before
	// (pages, whose offset follows from the page before).
	Parallel bool
}

// Chain is one task's segments in order: each starts when the one before has finished.
type Chain []Segment

// LowerBound is the least wall time a collection can take when every call takes latency,
// every account × region × action is paced by tsa's own token bucket (factor × the published
// limit, with its burst), entry (entering the accounts) runs before any task, and workers
// tasks run at once. Buckets are independent, so tasks run in parallel; the collection can
// finish no sooner than its longest task, nor sooner than the tasks' total time spread evenly
// over the workers.
func LowerBound(entry Chain, tasks []Chain, latency time.Duration, factor float64, workers int) time.Duration {
	var longest, total time.Duration
	for _, t := range tasks {
		d := chainTime(t, latency, factor)
		longest = max(longest, d)
		total += d
	}
	return chainTime(entry, latency, factor) + max(longest, total/time.Duration(max(1, workers)))
}

func chainTime(c Chain, latency time.Duration, factor float64) time.Duration {
	var d time.Duration
	for _, s := range c {
		d += segmentTime(s, latency, factor)
	}
	return d
}

// segmentTime is when the last call of a segment ends, from its start with a full bucket: call
// k gets its token no sooner than (k+1-burst)/rate, and a sequential call no sooner than the
// previous call's end.
func segmentTime(s Segment, latency time.Duration, factor float64) time.Duration {
	r, burst := collectors.Bucket(s.Action, factor)
	lat := latency.Seconds()
	var prevEnd, end float64
	for k := range s.Calls {
		start := max(0, float64(k+1-burst)/r)
		if !s.Parallel {
			start = max(start, prevEnd)
		}
		prevEnd = start + lat
		end = max(end, prevEnd)
	}
	return time.Duration(end * float64(time.Second))
}
