package rules

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

// TestGroupedEvaluationMatchesSingleQuery: the grouped, parallel evaluation finds exactly what
// one query over the whole input finds, and the findings do not depend on the parallelism.
func TestGroupedEvaluationMatchesSingleQuery(t *testing.T) {
	t.Parallel()
	e, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	resources := syntheticResources(400, 3)
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	single, grouped, err := e.Digests(ctx, resources, now)
	if err != nil {
		t.Fatal(err)
	}
	if single != grouped {
		t.Fatalf("grouped digest %s, single query %s", grouped, single)
	}
	inv := syntheticInventory(resources)
	var want []byte
	for _, workers := range []int{1, 2, 5} {
		a, err := e.WithWorkers(workers).Assess(ctx, inv, now, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(a)
		if want == nil {
			want = got
			if len(a.Findings) == 0 {
				t.Fatal("no findings: the comparison proves nothing")
			}
		} else if string(got) != string(want) {
			t.Errorf("%d workers: the findings differ from one worker's", workers)
		}
	}
}
