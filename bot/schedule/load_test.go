package schedule_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/schedule"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// loadRun is what one load run measured.
type loadRun struct {
	items      int
	elapsed    time.Duration // first due time → last delivery
	lags       []time.Duration
	byRunner   [3]int64
	victim     string // the item in flight when runner 2 crashed
	zombieWrit bool   // whether the crashed runner's late write got through
}

// TestThreeRunnersExactlyOnce runs three runners, each with its own Redis
// client, against one redis-server with 10,000 due items (1,000 with
// -short). Runner 2 crashes midway: it stops with claims it never finishes,
// and the item it was handling tries to record its delivery after its
// lease has gone. Every item must be delivered exactly once and none lost.
func TestThreeRunnersExactlyOnce(t *testing.T) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	run := loadTest(t, n)
	if run.zombieWrit {
		t.Fatal("the crashed runner's late write got through the fence")
	}
	if run.byRunner[2] == 0 || run.byRunner[0]+run.byRunner[1] == 0 {
		t.Fatalf("deliveries by runner %v: the crash did not happen midway", run.byRunner)
	}
	p50, p99 := percentile(run.lags, 50), percentile(run.lags, 99)
	t.Logf("%d items, 3 runners (one crashed after %d), %.0f items/s; due→handled lag p50 %v p99 %v max %v",
		run.items, run.byRunner[2], float64(run.items)/run.elapsed.Seconds(), p50, p99, slices.Max(run.lags))
}

func loadTest(t *testing.T, n int) loadRun {
	srv := redistest.Start(t)
	ctx := context.Background()
	seed := state.New(srv.Client(), state.Options{})
	rdbs.Store(seed, srv.Client())
	start := time.Now().Add(time.Second) // seeding 10,000 takes 0.1 s (0.5 s with -race)
	spread := time.Second
	seedItems(t, seed, n, start, spread)
	if time.Now().After(start) {
		t.Fatalf("seeding took too long")
	}

	var (
		mu  sync.Mutex
		res = loadRun{items: n, lags: make([]time.Duration, 0, n)}
		got atomic.Int64
		// crashed and zombieWrit are set by runner 2's handlers.
		crashed, zombieWrit atomic.Bool
		wg                  sync.WaitGroup
	)
	const lease = time.Second
	all, cancelAll := context.WithCancel(ctx)
	defer cancelAll()
	for i := range 3 {
		rctx, crash := context.WithCancel(all)
		st := state.New(srv.Client(), state.Options{}) // a client of its own
		rdbs.Store(st, srv.Client())
		r := &schedule.Runner{Store: st, Lease: lease, Interval: 20 * time.Millisecond, Batch: 50, Workers: 8,
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		r.Handle = func(hctx context.Context, it state.Item) error {
			c, _ := schedule.ClaimFrom(hctx)
			if i == 2 && (crashed.Load() || atomic.LoadInt64(&res.byRunner[2]) >= int64(n/10)) {
				// The process dies: this item, its other workers' items and
				// the rest of its batch stay claimed, never completed.
				if crashed.CompareAndSwap(false, true) {
					crash()
					res.victim = it.ID
					wg.Add(1)
					go func() { defer wg.Done(); zombieWrit.Store(zombie(st, c, lease)) }()
				}
				return context.Canceled
			}
			ok, err := st.CompleteWith(hctx, c, func(ctx context.Context, p redis.Pipeliner) {
				p.HIncrBy(ctx, "test:delivered", it.ID, 1)
			})
			if err != nil || !ok {
				return fmt.Errorf("record %s: ok=%v: %w", it.ID, ok, err)
			}
			lag := time.Since(it.Due)
			mu.Lock()
			res.lags = append(res.lags, lag)
			mu.Unlock()
			atomic.AddInt64(&res.byRunner[i], 1)
			if got.Add(1) == int64(n) {
				cancelAll()
			}
			return nil
		}
		wg.Add(1)
		go func() { defer wg.Done(); _ = r.Run(rctx) }()
	}
	waitDrained(t, seed, all, cancelAll, &got, n)
	res.elapsed = time.Since(start)
	wg.Wait()
	res.zombieWrit = zombieWrit.Load()
	verifyDelivered(t, seed, n, res.victim)
	return res
}

// waitDrained returns when every item was delivered or the schedule is
// empty (so a broken fence fails fast instead of timing out), then stops
// the runners.
func waitDrained(t *testing.T, s *state.Store, all context.Context, stop func(), got *atomic.Int64, n int) {
	t.Helper()
	defer stop()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	limit := time.After(30 * time.Second)
	for {
		select {
		case <-all.Done():
			return
		case <-tick.C:
			if left, err := rdbOf(s).HLen(context.Background(), "jw:sched:items").Result(); err == nil && left == 0 {
				return
			}
		case <-limit:
			t.Fatalf("timed out with %d of %d delivered", got.Load(), n)
		}
	}
}

// zombie waits until the crashed runner's lease is surely gone, then tries
// to record the delivery it was in the middle of; it reports whether the
// write got through.
func zombie(st *state.Store, c state.Claim, lease time.Duration) bool {
	time.Sleep(lease + 300*time.Millisecond)
	ok, err := st.CompleteWith(context.Background(), c, func(ctx context.Context, p redis.Pipeliner) {
		p.HIncrBy(ctx, "test:delivered", c.ID, 1)
	})
	return ok || err != nil
}

func seedItems(t *testing.T, s *state.Store, n int, start time.Time, spread time.Duration) {
	t.Helper()
	ctx := context.Background()
	for lo := 0; lo < n; lo += 1000 {
		var items []state.Item
		for i := lo; i < min(lo+1000, n); i++ {
			due := start.Add(spread * time.Duration(i) / time.Duration(n))
			items = append(items, state.Item{ID: fmt.Sprint("L", i), Kind: "load", Due: due})
		}
		if err := s.ScheduleMany(ctx, items); err != nil {
			t.Fatal(err)
		}
	}
}

func verifyDelivered(t *testing.T, s *state.Store, n int, victim string) {
	t.Helper()
	ctx := context.Background()
	rdb := rdbOf(s)
	counts, err := rdb.HGetAll(ctx, "test:delivered").Result()
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != n {
		t.Errorf("%d distinct items delivered, want %d", len(counts), n)
	}
	for id, c := range counts {
		if c != "1" {
			t.Errorf("item %s delivered %s times", id, c)
		}
	}
	if victim == "" || counts[victim] != "1" {
		t.Errorf("the crashed runner's item %q was not delivered once: %q", victim, counts[victim])
	}
	for _, k := range []string{"jw:sched:due", "jw:sched:lease"} {
		if left, _ := rdb.ZCard(ctx, k).Result(); left != 0 {
			t.Errorf("%s still holds %d items", k, left)
		}
	}
	if left, _ := rdb.HLen(ctx, "jw:sched:items").Result(); left != 0 {
		t.Errorf("%d items never completed", left)
	}
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[(len(s)-1)*p/100]
}
