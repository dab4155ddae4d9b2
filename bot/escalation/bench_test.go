package escalation_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/app"
	"github.com/jointwork/jointwork/internal/apptest"
	"github.com/jointwork/jointwork/internal/redistest"
)

// benchApps starts n apps (n bot processes' worth: own client, runner and
// console workspace, built by apptest) on one real redis-server, on the
// real clock.
func benchApps(b *testing.B, n int, interval time.Duration) ([]*app.App, *lagLog) {
	b.Helper()
	srv := redistest.Start(b)
	if v := os.Getenv("JOINTWORK_BENCH_FSYNC"); v != "" { // "everysec" to compare with the default "always"
		if err := srv.Client().ConfigSet(context.Background(), "appendfsync", v).Err(); err != nil {
			b.Fatal(err)
		}
	}
	lags := &lagLog{seen: map[string]int{}}
	var apps []*app.App
	for range n {
		cfg := testConfig()
		cfg.SchedulerInterval = interval
		bt := apptest.New(b, apptest.Options{Redis: srv, Config: cfg, RealClock: true, OnPingSent: lags.add})
		apps = append(apps, bt.App)
	}
	return apps, lags
}

// lagLog collects the delivery lag of every ping and counts sends per id.
type lagLog struct {
	mu   sync.Mutex
	lags []time.Duration
	sent []time.Time
	due  []time.Time
	seen map[string]int
}

func (l *lagLog) add(r *escalation.Record, lag time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lags = append(l.lags, lag)
	l.sent = append(l.sent, r.Due.Add(lag))
	l.due = append(l.due, r.Due)
	l.seen[r.ID]++
}

func (l *lagLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.lags)
}

// report checks every ping went out exactly once and reports lag
// percentiles; from, when set, is when the runners started (a backlog's
// lag counts from then).
func (l *lagLog) report(b *testing.B, want int, from time.Time) {
	b.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.seen) != want {
		b.Fatalf("%d distinct pings sent, want %d", len(l.seen), want)
	}
	for id, n := range l.seen {
		if n != 1 {
			b.Fatalf("ping %s sent %d times", id, n)
		}
	}
	lags := make([]time.Duration, len(l.lags))
	for i := range l.lags {
		lags[i] = l.sent[i].Sub(l.due[i])
		if l.due[i].Before(from) {
			lags[i] = l.sent[i].Sub(from)
		}
	}
	slices.Sort(lags)
	pct := func(p float64) float64 { return float64(lags[int(p*float64(len(lags)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "lag-p50-ms")
	b.ReportMetric(pct(0.99), "lag-p99-ms")
	b.ReportMetric(pct(1), "lag-max-ms")
}

// scheduleEscalations starts n escalate chains, spread over cases of perCase each,
// all due now.
func scheduleEscalations(b *testing.B, a *app.App, n, perCase int, first int) {
	b.Helper()
	ctx := context.Background()
	for c := 0; c*perCase < n; c++ {
		ref := fmt.Sprintf("b%d-%d", first, c)
		cs := &state.Case{Ref: ref, Lead: "alex", Platform: "console", ChannelName: "jw-" + ref}
		if err := a.Store.CreateCase(ctx, cs, state.Entry{Action: "case.open"}); err != nil {
			b.Fatal(err)
		}
		err := a.Store.Update(ctx, ref, func(tx *state.Tx) error {
			for i := c * perCase; i < min(n, (c+1)*perCase); i++ {
				a.Handlers.Policy.Escalate(tx, "bea", "bench", "", fmt.Sprintf("E%d", first+i))
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPingBurst: b.N pings due at once (20 per case), drained by 1
// or 3 bot processes on one Redis; each ping is a raise (record, indexes,
// timeline, next level, in one fenced case Update) and a delivery (DM
// through the console platform, then a fenced Update recording it). Run
// with -benchtime=10000x for the load.
func BenchmarkPingBurst(b *testing.B) {
	for _, procs := range []int{1, 3} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			apps, lags := benchApps(b, procs, 50*time.Millisecond)
			scheduleEscalations(b, apps[0], b.N, 20, 1)
			ctx, cancel := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for _, a := range apps {
				wg.Add(1)
				go func() { defer wg.Done(); a.RunScheduler(ctx) }()
			}
			for lags.count() < b.N {
				time.Sleep(5 * time.Millisecond)
			}
			elapsed := time.Since(start)
			b.StopTimer()
			cancel()
			wg.Wait()
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "pings/s")
			lags.report(b, b.N, start)
		})
	}
}

// BenchmarkPingSteady: pings fall due continuously at about 50 a second
// while 3 bot processes poll every 100 ms; the lag is polling plus work.
func BenchmarkPingSteady(b *testing.B) {
	apps, lags := benchApps(b, 3, 100*time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, a := range apps {
		wg.Add(1)
		go func() { defer wg.Done(); a.RunScheduler(ctx) }()
	}
	b.ResetTimer()
	start := time.Now()
	tick := time.NewTicker(200 * time.Millisecond)
	for i := 0; i < b.N; i += 10 {
		<-tick.C
		scheduleEscalations(b, apps[0], min(10, b.N-i), 10, 1+i)
	}
	tick.Stop()
	for lags.count() < b.N {
		time.Sleep(5 * time.Millisecond)
	}
	b.StopTimer()
	cancel()
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "pings/s")
	lags.report(b, b.N, time.Time{})
}
