package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

type loadOptions struct {
	url, secret      string
	clients, pid     int
	rate             int // total requests per second; 0 = closed loop
	kinds            []string
	warmup, duration time.Duration
	fake             *fakeSlack
}

// questions are what the load asks, in turn.
var questions = []string{
	"can I share information with the district nurse without consent?",
	"what do I do if another agency declines a formal request for joint work?",
	"who should lead a case with health and social care?",
	"how do I record a best interest decision?",
}

var userIDs = []string{"U1", "U2", "U3", "U4", "U5"}

// client is one simulated Slack connection sending requests back to back.
type client struct {
	id      int
	o       loadOptions
	hc      *http.Client
	seq     int
	lat     []time.Duration
	busy    int
	failed  int
	measure *atomic.Bool
}

func load(ctx context.Context, o loadOptions) (*result, error) {
	tr := &http.Transport{MaxIdleConns: o.clients * 2, MaxIdleConnsPerHost: o.clients * 2, IdleConnTimeout: time.Minute,
		DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext}
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var measure atomic.Bool
	clients := make([]*client, o.clients)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for i := range clients {
		clients[i] = &client{id: i, o: o, hc: hc, measure: &measure, lat: make([]time.Duration, 0, 1<<16)}
		wg.Add(1)
		go func(c *client) { defer wg.Done(); c.run(ctx) }(clients[i])
	}
	time.Sleep(o.warmup)
	before, err := sampleProc(o.pid)
	if err != nil {
		return nil, err
	}
	replies0 := o.fake.replies.Load()
	measure.Store(true)
	start := time.Now()
	time.Sleep(o.duration)
	measure.Store(false)
	elapsed := time.Since(start)
	after, _ := sampleProc(o.pid)
	replies1 := o.fake.replies.Load()
	cancel()
	wg.Wait()
	res := newResult(clients, elapsed, before, after, replies1-replies0)
	res.drain = waitDrain(o.fake, 30*time.Second)
	res.repliesTotal = o.fake.replies.Load()
	return res, nil
}

// waitDrain waits until the bot stops sending replies (its queue is empty).
func waitDrain(f *fakeSlack, limit time.Duration) time.Duration {
	start := time.Now()
	last := f.replies.Load()
	for time.Since(start) < limit {
		time.Sleep(200 * time.Millisecond)
		n := f.replies.Load()
		if n == last {
			return time.Since(start) - 200*time.Millisecond
		}
		last = n
	}
	return limit
}

func (c *client) run(ctx context.Context) {
	var tick <-chan time.Time
	if c.o.rate > 0 {
		t := time.NewTicker(time.Duration(c.o.clients) * time.Second / time.Duration(c.o.rate))
		defer t.Stop()
		tick = t.C
	}
	for ctx.Err() == nil {
		if tick != nil {
			select {
			case <-tick:
			case <-ctx.Done():
				return
			}
		}
		kind := c.o.kinds[(c.id+c.seq)%len(c.o.kinds)]
		req, err := c.request(ctx, kind)
		if err != nil {
			return
		}
		start := time.Now()
		res, err := c.hc.Do(req)
		if err != nil {
			if ctx.Err() == nil && c.measure.Load() {
				c.failed++
			}
			continue
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		took := time.Since(start)
		if !c.measure.Load() {
			continue
		}
		switch {
		case res.StatusCode == http.StatusServiceUnavailable || bytes.Contains(body, []byte("very busy")):
			c.busy++
		case res.StatusCode != http.StatusOK:
			c.failed++
		default:
			c.lat = append(c.lat, took)
		}
	}
}

// request builds one signed slash command or app_mention event.
func (c *client) request(ctx context.Context, kind string) (*http.Request, error) {
	c.seq++
	user := userIDs[(c.id+c.seq)%len(userIDs)]
	q := questions[c.seq%len(questions)]
	id := fmt.Sprintf("%d-%d-%d", time.Now().UnixNano(), c.id, c.seq)
	var path, ctype string
	var body []byte
	switch kind {
	case "mention":
		path, ctype = "/slack/events", "application/json"
		body, _ = json.Marshal(map[string]any{"type": "event_callback", "event_id": "Ev" + id, "team_id": "T1",
			"authorizations": []map[string]any{{"user_id": "UBOT", "is_bot": true}},
			"event": map[string]any{"type": "app_mention", "user": user, "channel": "C1", "ts": fmt.Sprintf("%d.%06d", time.Now().Unix(), c.seq%1000000),
				"text": "<@UBOT> " + q}})
	default:
		path, ctype = "/slack/commands", "application/x-www-form-urlencoded"
		body = []byte(url.Values{"command": {"/jointwork"}, "text": {"ask " + q}, "user_id": {user}, "channel_id": {"C1"},
			"channel_name": {"case"}, "team_id": {"T1"}, "trigger_id": {"trig." + id},
			"response_url": {c.o.fake.url() + "/response/" + id}}.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.o.url+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(c.o.secret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return req, nil
}
