package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// isTerminal is whether w is a character device (a terminal), not a pipe or a file.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// colorOn is whether to colour output to w: a terminal, and NO_COLOR unset (no-color.org).
func colorOn(w io.Writer) bool {
	_, no := os.LookupEnv("NO_COLOR")
	return !no && os.Getenv("TERM") != "dumb" && isTerminal(w)
}

// progress reports collection: on a terminal one live line with counts and an ETA, redrawn at
// most every redraw; piped or in cron a handful of lines (the first task, each quarter).
type progress struct {
	w                 io.Writer
	live              bool
	now               func() time.Time
	mu                sync.Mutex
	start             time.Time
	last              time.Time
	quarter           int
	drawn             bool
	resources, errors int
}

const redraw = 150 * time.Millisecond

// newProgress returns the progress for w; quiet gives one that says nothing.
func newProgress(w io.Writer, quiet bool) *progress {
	if quiet {
		return nil
	}
	return &progress{w: w, live: isTerminal(w), now: time.Now, start: time.Now()}
}

// update takes one finished collection task (scanner.Progress).
func (p *progress) update(done, total int, msg string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	var n int
	if _, err := fmt.Sscanf(msg[strings.LastIndex(msg, ": ")+2:], "%d resources", &n); err == nil {
		p.resources += n
	}
	if strings.HasSuffix(msg, ")") {
		p.errors++
	}
	if p.live {
		if done < total && now.Sub(p.last) < redraw {
			return
		}
		p.last = now
		fmt.Fprintf(p.w, "\r\x1b[K%s", p.line(done, total, now))
		p.drawn = true
		return
	}
	q := 4 * done / max(total, 1)
	if done == 1 || q > p.quarter {
		p.quarter = q
		fmt.Fprintf(p.w, "tsa: %s\n", p.line(done, total, now))
	}
}

// line is the progress text: tasks done, resources, errors and the time left.
func (p *progress) line(done, total int, now time.Time) string {
	s := fmt.Sprintf("collecting %d/%d tasks (%d%%), %d resources", done, total, 100*done/max(total, 1), p.resources)
	if p.errors > 0 {
		s += fmt.Sprintf(", %d with errors", p.errors)
	}
	if done > total/10 && done < total {
		elapsed := now.Sub(p.start)
		left := time.Duration(float64(elapsed) / float64(done) * float64(total-done))
		s += ", about " + left.Round(time.Second).String() + " left"
	}
	return s
}

// done ends the live line so what follows starts on a fresh one.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}

// nearest returns the valid value closest to v if it is close enough to be a typo (two edits
// at most), else the one v begins, else "".
func nearest(v string, valid []string) string {
	best, bestD := "", 3
	for _, c := range valid {
		if d := editDistance(v, c); d < bestD {
			best, bestD = c, d
		}
	}
	for _, c := range valid {
		if best == "" && v != "" && strings.HasPrefix(c, v) {
			best = c
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, counting a swap of two
// neighbouring letters as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
