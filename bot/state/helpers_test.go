package state_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/redistest"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// backend builds fresh, isolated stores on one kind of server.
type backend struct {
	name  string
	store func(t *testing.T, clk *clock) *state.Store
}

var prefixes atomic.Int64

// backends returns a real redis-server (one per top-level test, a fresh key
// prefix per store) and the embedded miniredis (one per store).
func backends(t *testing.T) []backend {
	srv := redistest.Start(t)
	rdb := srv.Client()
	real := func(t *testing.T, clk *clock) *state.Store {
		p := fmt.Sprintf("t%d", prefixes.Add(1))
		return state.New(rdb, state.Options{Prefix: p, Now: clk.Now})
	}
	embedded := func(t *testing.T, clk *clock) *state.Store {
		c, stop, err := state.Embedded()
		if err != nil {
			t.Fatalf("embedded: %v", err)
		}
		t.Cleanup(stop)
		return state.New(c, state.Options{Now: clk.Now})
	}
	return []backend{{"redis", real}, {"embedded", embedded}}
}

// eachBackend runs f as a subtest on every backend with a fresh store.
func eachBackend(t *testing.T, f func(t *testing.T, s *state.Store, clk *clock)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			clk := newClock()
			f(t, b.store(t, clk), clk)
		})
	}
}

// openCase creates case ref led by alex and fails the test on error.
func openCase(t *testing.T, s *state.Store, ref string) *state.Case {
	t.Helper()
	c := &state.Case{Ref: ref, Subject: "person", Lead: "alex", Channel: "C-" + ref, ChannelName: "jw-" + ref}
	if err := s.CreateCase(context.Background(), c, state.Entry{Actor: "alex", Action: "case.open"}); err != nil {
		t.Fatalf("create case %s: %v", ref, err)
	}
	return c
}
