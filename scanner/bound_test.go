package scanner

import (
	"testing"
	"time"
)

func TestLowerBound(t *testing.T) {
	const lat = 30 * time.Millisecond
	tests := []struct {
		name    string
		entry   Chain
		tasks   []Chain
		workers int
		want    time.Duration
	}{
		// Three pages one after the other, well within the bucket's burst of 2 then 16/s:
		// the third page's token comes at 1/16 s = 62.5 ms, after the second page's end (60 ms).
		{"pages wait for each other and the bucket", nil, []Chain{{{Action: "cbs:DescribeDisks", Calls: 3}}}, 1, 62500*time.Microsecond + lat},
		// 100 policy calls at 80/s with a burst of 10: the last token at (100-10)/80 s.
		{"parallel calls are paced by the bucket", nil, []Chain{{{Action: "vpc:DescribeSecurityGroupPolicies", Calls: 100, Parallel: true}}}, 1, 1125*time.Millisecond + lat},
		{"segments of a task add up", Chain{{Action: "sts:AssumeRole", Calls: 1}}, []Chain{{{Action: "vpc:DescribeSecurityGroups", Calls: 1}, {Action: "vpc:DescribeSecurityGroupPolicies", Calls: 1, Parallel: true}}}, 1, 3 * lat},
		{"tasks in other buckets overlap", nil, []Chain{{{Action: "cvm:DescribeInstances", Calls: 1}}, {{Action: "cbs:DescribeDisks", Calls: 1}}}, 2, lat},
		{"too few workers spread the total", nil, []Chain{{{Action: "cvm:DescribeInstances", Calls: 1}}, {{Action: "cbs:DescribeDisks", Calls: 1}}}, 1, 2 * lat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LowerBound(tt.entry, tt.tasks, lat, 0.8, tt.workers)
			if d := got - tt.want; d < -time.Microsecond || d > time.Microsecond {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}
