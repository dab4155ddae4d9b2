package schedule_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jointwork/jointwork/bot/schedule"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/apptest"
	"github.com/jointwork/jointwork/internal/redistest"
)

// clock is a settable test clock, as the console's /clock moves it.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func setup(t *testing.T) (*state.Store, *clock, *apptest.Buffer) {
	t.Helper()
	srv := redistest.Start(t)
	clk := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	s := state.New(srv.Client(), state.Options{Now: clk.Now})
	rdbs.Store(s, srv.Client())
	return s, clk, &apptest.Buffer{}
}

func schedule1(t *testing.T, s *state.Store, it state.Item) {
	t.Helper()
	if err := s.Schedule(context.Background(), it); err != nil {
		t.Fatal(err)
	}
}

func TestTickHandlesDueItemsOnce(t *testing.T) {
	s, clk, logs := setup(t)
	ctx := context.Background()
	var seen []string
	r := &schedule.Runner{Store: s, Batch: 2, Log: slog.New(slog.NewTextHandler(logs, nil)),
		Handle: func(ctx context.Context, it state.Item) error { seen = append(seen, it.ID); return nil }}
	now := clk.Now()
	for i, id := range []string{"E1", "E2", "E3", "E4"} {
		schedule1(t, s, state.Item{ID: id, Kind: "ping", Case: "c101", Due: now.Add(time.Duration(i/3) * 72 * time.Hour)})
	}
	steps := []struct {
		advance time.Duration
		want    int
		total   int
	}{{0, 3, 3}, {0, 0, 3}, {71 * time.Hour, 0, 3}, {time.Hour, 1, 4}, {240 * time.Hour, 0, 4}}
	for i, st := range steps {
		clk.Add(st.advance)
		n, err := r.Tick(ctx)
		if err != nil || n != st.want || len(seen) != st.total {
			t.Fatalf("step %d: Tick = %d, %v; handled %v", i, n, err, seen)
		}
	}
}

func TestFailuresRetryThenDeadLetter(t *testing.T) {
	s, clk, logs := setup(t)
	ctx := context.Background()
	calls := 0
	r := &schedule.Runner{Store: s, MaxAttempts: 3, Log: slog.New(slog.NewTextHandler(logs, nil)),
		Handle: func(ctx context.Context, it state.Item) error {
			calls++
			if calls == 2 {
				panic("handler bug")
			}
			return errors.New("slack: post: rate_limited")
		}}
	schedule1(t, s, state.Item{ID: "E9", Kind: "ping", Case: "c101", Due: clk.Now(), Data: map[string]string{"note": "private words"}})
	for i, adv := range []time.Duration{0, 30 * time.Second, 60 * time.Second} {
		clk.Add(adv)
		if n, err := r.Tick(ctx); n != 0 || err != nil {
			t.Fatalf("tick %d: %d, %v", i, n, err)
		}
		if calls != i+1 {
			t.Fatalf("tick %d: %d calls, want %d (backoff 30 s, 60 s)", i, calls, i+1)
		}
	}
	dead, err := s.Dead(ctx, 10)
	if err != nil || len(dead) != 1 || dead[0].Item.ID != "E9" || dead[0].Item.Attempt != 2 {
		t.Fatalf("Dead = %+v, %v", dead, err)
	}
	out := logs.String()
	if !strings.Contains(out, "dead letter") || !strings.Contains(out, "id=E9") || !strings.Contains(out, "handler panic") {
		t.Fatalf("log lacks the dead letter by id:\n%s", out)
	}
	if strings.Contains(out, "private words") {
		t.Fatalf("log contains item data:\n%s", out)
	}
	clk.Add(24 * time.Hour)
	if n, _ := r.Tick(ctx); n != 0 || calls != 3 {
		t.Fatalf("dead item ran again: %d calls", calls)
	}
}

func TestHandlerCompletesItsOwnClaim(t *testing.T) {
	s, clk, _ := setup(t)
	ctx := context.Background()
	r := &schedule.Runner{Store: s, Handle: func(ctx context.Context, it state.Item) error {
		c, ok := schedule.ClaimFrom(ctx)
		if !ok || c.ID != it.ID {
			return errors.New("no claim in context")
		}
		ok, err := s.CompleteWith(ctx, c, func(ctx context.Context, p redis.Pipeliner) {
			p.HIncrBy(ctx, s.Key("sent"), it.ID, 1)
		})
		if err == nil && !ok {
			err = state.ErrLeaseLost
		}
		return err
	}}
	schedule1(t, s, state.Item{ID: "E1", Kind: "ping", Due: clk.Now()})
	if n, err := r.Tick(ctx); n != 1 || err != nil {
		t.Fatalf("Tick = %d, %v", n, err)
	}
	if got, _ := rdbOf(s).HGet(ctx, s.Key("sent"), "E1").Int(); got != 1 {
		t.Fatalf("sent %d times", got)
	}
	if _, err := s.Scheduled(ctx, "E1"); !errors.Is(err, state.ErrNotFound) {
		t.Fatalf("item still scheduled: %v", err)
	}
}

func TestRunPollsUntilCancelled(t *testing.T) {
	s, _, _ := setup(t)
	got := make(chan string, 1)
	r := &schedule.Runner{Store: s, Now: time.Now, Interval: 20 * time.Millisecond,
		Handle: func(ctx context.Context, it state.Item) error { got <- it.ID; return nil }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	schedule1(t, s, state.Item{ID: "E1", Kind: "ping", Due: time.Now().Add(50 * time.Millisecond)})
	select {
	case id := <-got:
		if id != "E1" {
			t.Fatalf("handled %s", id)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Run did not handle the due item")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run returned %v", err)
	}
	if err := (&schedule.Runner{}).Run(context.Background()); err == nil {
		t.Fatal("Run without Store and Handle did not fail")
	}
}

// rdbs maps a test's stores to the raw client under them, for tests that
// read keys directly.
var rdbs sync.Map

func rdbOf(s *state.Store) *redis.Client {
	v, _ := rdbs.Load(s)
	return v.(*redis.Client)
}
