package history

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// ErrLocked means another scan held the store's lock for longer than the wait allowed.
var ErrLocked = errors.New("the history store is locked by another scan")

// Lock is an exclusive lock on a store, held by one scan from before collection until its
// results are written. It is an flock on <store>.lock, so the kernel releases it when the
// process dies, however it dies: no stale lock to clean up after a crash.
type Lock struct {
	f *os.File
}

// LockPath is the lock file beside a store.
func LockPath(store string) string { return store + ".lock" }

// lockPoll is how often a waiting scan retries the lock.
const lockPoll = 50 * time.Millisecond

// AcquireLock takes the store's lock, waiting up to timeout for a scan that holds it. On
// timeout the error wraps ErrLocked and says who holds the lock.
func AcquireLock(ctx context.Context, store string, timeout time.Duration) (*Lock, error) {
	path := LockPath(store)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("history store lock: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("history store lock: %w", err)
	}
	deadline := time.Now().Add(timeout)
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR) {
			f.Close()
			return nil, fmt.Errorf("history store lock %s: %w", path, err)
		}
		if !time.Now().Before(deadline) {
			holder, _ := os.ReadFile(path)
			f.Close()
			who := strings.TrimSpace(string(holder))
			if who == "" {
				who = "another process"
			}
			return nil, fmt.Errorf("%w: waited %s for %s (%s); try again later or raise --lock-timeout", ErrLocked, timeout, path, who)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(min(lockPoll, time.Until(deadline))):
		}
	}
	// Say who holds it, for the message a waiting scan prints.
	if err := f.Truncate(0); err == nil {
		host, _ := os.Hostname()
		fmt.Fprintf(f, "held by pid %d on %s since %s\n", os.Getpid(), host, time.Now().Format(time.RFC3339))
	}
	return &Lock{f: f}, nil
}

// Release gives the lock up.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the descriptor drops the flock
	l.f = nil
	return err
}
