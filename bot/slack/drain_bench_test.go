package slack

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jointwork/jointwork/bot/inbox"
)

// BenchmarkInboxDrain measures the durable work behind the ack: b.N signed
// slash commands and app_mention events are acknowledged into the inbox
// first (not timed), then the inbox workers run them all (the kernel, the
// event done markers and reply journal on a real redis-server with AOF and
// fsync always, replies to the fake Slack API). It reports events/s, and
// the Redis round trips and commands (as redis-server counts them, scripts'
// inner calls included) per event.
func BenchmarkInboxDrain(b *testing.B) {
	for _, workers := range []int{8, 32} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) { benchDrain(b, workers) })
	}
}

func benchDrain(b *testing.B, workers int) {
	var q *inbox.Inbox
	h := newHarnessWith(b, func(o *Options) {
		o.Workers, o.Queue = DefaultWorkers, 1<<20
		q = inbox.New(o.Store, inbox.Options{Workers: workers, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		o.Inbox = q
	})
	h.fake.addChannel("C1", "general", botUser, "U1", "U2", "U3")
	fill(b, h, b.N)
	cmds0, trips0 := redisCounts(b, h.rdb)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	b.ResetTimer()
	start := time.Now()
	go func() { _ = q.Run(ctx); close(done) }()
	for h.a.Pending() > 0 {
		time.Sleep(200 * time.Microsecond)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	cancel()
	<-done
	h.a.Close()
	time.Sleep(100 * time.Millisecond) // let the releases of done events, off the workers' path, land
	n := float64(b.N)
	b.ReportMetric(n/elapsed.Seconds(), "events/s")
	cmds, trips := redisCounts(b, h.rdb)
	b.ReportMetric(float64(trips-trips0)/n, "trips/event")
	b.ReportMetric(float64(cmds-cmds0)/n, "cmds/event")
}

// fill acknowledges n requests into the inbox from 50 concurrent clients.
func fill(b *testing.B, h *harness, n int) {
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 100}}
	var seq atomic.Int64
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := seq.Add(1); i <= int64(n); i = seq.Add(1) {
				res, err := hc.Do(benchRequest(h, int(i)))
				if err != nil {
					b.Error(err)
					return
				}
				res.Body.Close()
			}
		}()
	}
	wg.Wait()
	for deadline := time.Now().Add(time.Minute); h.a.Pending() < n && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if got := h.a.Pending(); got != n {
		b.Fatalf("%d of %d requests in the inbox", got, n)
	}
}

// redisCounts returns the commands redis-server ran (the calls of every
// command, those inside scripts included) and its replies written to
// clients (total_writes_processed: one per round trip, however many
// commands a pipeline held).
func redisCounts(b *testing.B, rdb *redis.Client) (cmds, trips int64) {
	info, err := rdb.Info(context.Background(), "commandstats", "stats").Result()
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "total_writes_processed:"); ok {
			trips, _ = strconv.ParseInt(v, 10, 64)
		}
		_, rest, ok := strings.Cut(line, ":calls=")
		if !ok {
			continue
		}
		v, _, _ := strings.Cut(rest, ",")
		n, _ := strconv.ParseInt(v, 10, 64)
		cmds += n
	}
	return cmds, trips
}
