package slack

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkSlashAck measures the HTTP ack of signed `/jointwork ask` slash
// commands and app_mention events from 50 concurrent clients over a real
// loopback listener, while the adapter's workers do the real work behind
// it (the kernel, a real redis-server, replies to the fake Slack API). It
// reports acks/s and ack latency; cmd/jointwork-load does the same against
// the whole bot in its own process, with its CPU and memory.
func BenchmarkSlashAck(b *testing.B) {
	benchAcks(b, newHarnessWith(b, func(o *Options) { o.Workers, o.Queue = DefaultWorkers, 1<<20 }))
}

// benchAcks is the load of BenchmarkSlashAck on harness h.
func benchAcks(b *testing.B, h *harness) {
	h.fake.addChannel("C1", "general", botUser, "U1", "U2", "U3")
	tr := &http.Transport{MaxIdleConnsPerHost: 100}
	hc := &http.Client{Transport: tr}
	const clients = 50
	var seq atomic.Int64
	lat := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	per := b.N/clients + 1
	b.ResetTimer()
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			lat[c] = make([]time.Duration, 0, per)
			for range per {
				req := benchRequest(h, int(seq.Add(1)))
				t0 := time.Now()
				res, err := hc.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				res.Body.Close()
				if res.StatusCode != 200 {
					b.Errorf("status %d", res.StatusCode)
					return
				}
				lat[c] = append(lat[c], time.Since(t0))
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	all := slices.Concat(lat...)
	slices.Sort(all)
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "acks/s")
	b.ReportMetric(float64(all[len(all)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(all[len(all)-1].Microseconds()), "max-µs")
	h.a.Close() // drain before the harness stops Redis
}

func benchRequest(h *harness, n int) *http.Request {
	users := []string{"U1", "U2", "U3"}
	var path, ctype string
	var body []byte
	if n%2 == 0 {
		path, ctype = PathEvents, "application/json"
		body = eventBody(fmt.Sprintf("EvB%d-%d", time.Now().UnixNano(), n), map[string]any{"type": "app_mention",
			"user": users[n%3], "channel": "C1", "ts": "1.000001", "text": "<@UBOT> ask can I share information?"})
	} else {
		path, ctype = PathCommands, "application/x-www-form-urlencoded"
		body = []byte(slashForm(users[n%3], "C1", "ask can I share information?", fmt.Sprintf("trig-b%d-%d", time.Now().UnixNano(), n), h.fake.responseURL("b")).Encode())
	}
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, h.url+path, bytes.NewReader(body))
	req.Header = sign(body, time.Now(), testSecret)
	req.Header.Set("Content-Type", ctype)
	return req
}
