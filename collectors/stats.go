package collectors

import (
	"sort"
	"sync"

	"github.com/tsa-scanner/tsa/result"
)

// Stats counts calls, retries, throttles and errors per action.
type Stats struct {
	mu sync.Mutex
	m  map[string]*result.ActionStats
}

func newStats() *Stats { return &Stats{m: map[string]*result.ActionStats{}} }

func (s *Stats) add(action string, retry bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.m[action]
	if !ok {
		st = &result.ActionStats{Action: action}
		s.m[action] = st
	}
	st.Calls++
	if retry {
		st.Retries++
	}
	if err != nil {
		st.Errors++
		if IsThrottle(err) {
			st.Throttles++
		}
	}
}

func (s *Stats) snapshot() []result.ActionStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]result.ActionStats, 0, len(s.m))
	for _, v := range s.m {
		out = append(out, *v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Action < out[j].Action })
	return out
}
