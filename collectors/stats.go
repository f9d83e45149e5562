package collectors

import (
	"sort"
	"sync"
)

// ActionStats is the call accounting of one service:Action across a scan.
type ActionStats struct {
	Action    string `json:"action"`
	Calls     int    `json:"calls"`
	Retries   int    `json:"retries"`
	Throttles int    `json:"throttles"`
	Errors    int    `json:"errors"`
}

// Stats counts calls, retries, throttles and errors per action.
type Stats struct {
	mu sync.Mutex
	m  map[string]*ActionStats
}

func newStats() *Stats { return &Stats{m: map[string]*ActionStats{}} }

func (s *Stats) add(action string, retry bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.m[action]
	if !ok {
		st = &ActionStats{Action: action}
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

func (s *Stats) snapshot() []ActionStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ActionStats, 0, len(s.m))
	for _, v := range s.m {
		out = append(out, *v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Action < out[j].Action })
	return out
}
