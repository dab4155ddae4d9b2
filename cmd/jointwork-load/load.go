package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
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
	body    []byte
	mac     hash.Hash
	sum     [sha256.Size]byte
	sig     []byte
	idBuf   []byte
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
		clients[i] = &client{id: i, o: o, hc: hc, measure: &measure, lat: make([]time.Duration, 0, 1<<16),
			mac: hmac.New(sha256.New, []byte(o.secret))}
		wg.Add(1)
		go func(c *client) { defer wg.Done(); c.run(ctx) }(clients[i])
	}
	time.Sleep(o.warmup)
	before, err := sampleProc(o.pid)
	if err != nil {
		return nil, err
	}
	self0, _ := sampleProc(os.Getpid())
	replies0 := o.fake.replies.Load()
	measure.Store(true)
	start := time.Now()
	time.Sleep(o.duration)
	measure.Store(false)
	elapsed := time.Since(start)
	after, _ := sampleProc(o.pid)
	self1, _ := sampleProc(os.Getpid())
	replies1 := o.fake.replies.Load()
	cancel()
	wg.Wait()
	res := newResult(clients, elapsed, before, after, replies1-replies0)
	res.selfCPU = self1.cpu - self0.cpu
	res.drain = waitDrain(o.fake, 30*time.Second)
	res.repliesTotal = o.fake.replies.Load()
	res.replyLat = o.fake.replyLatencies()
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
		var body []byte
		if res.ContentLength != 0 {
			body, _ = io.ReadAll(res.Body)
		}
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

// request builds one signed slash command or app_mention event. Bodies are
// appended into the client's own buffer and the HMAC is reused, so the
// generator takes as little of the shared CPU as it can.
func (c *client) request(ctx context.Context, kind string) (*http.Request, error) {
	c.seq++
	user := userIDs[(c.id+c.seq)%len(userIDs)]
	q := questions[c.seq%len(questions)]
	now := time.Now()
	b := c.body[:0]
	var path, ctype string
	switch kind {
	case "mention":
		path, ctype = "/slack/events", "application/json"
		b = append(b, `{"type":"event_callback","team_id":"T1","event_id":"Ev`...)
		b = c.appendID(b, now)
		b = append(b, `","authorizations":[{"user_id":"UBOT","is_bot":true}],"event":{"type":"app_mention","channel":"CL`...)
		b = c.appendID(b, now) // a channel of its own, to time its reply
		b = append(b, `","user":"`...)
		b = append(b, user...)
		b = append(b, `","ts":"`...)
		b = strconv.AppendInt(b, now.Unix(), 10)
		b = append(b, `.000100","text":"<@UBOT> `...)
		b = append(b, q...)
		b = append(b, `"}}`...)
	default:
		path, ctype = "/slack/commands", "application/x-www-form-urlencoded"
		b = append(b, "token=x&team_id=T1&channel_id=C1&channel_name=case&command=%2Fjointwork&user_id="...)
		b = append(b, user...)
		b = append(b, "&text="...)
		b = append(b, url.QueryEscape("ask "+q)...)
		b = append(b, "&trigger_id=trig."...)
		b = c.appendID(b, now)
		b = append(b, "&response_url="...)
		b = append(b, url.QueryEscape(c.o.fake.url()+"/response/")...)
		b = c.appendID(b, now)
	}
	c.body = b
	c.o.fake.sent(string(c.appendID(c.idBuf[:0], now)), now, c.measure.Load())
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.o.url+path, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	ts := strconv.FormatInt(now.Unix(), 10)
	c.mac.Reset()
	c.mac.Write([]byte("v0:" + ts + ":"))
	c.mac.Write(b)
	c.sig = hex.AppendEncode(append(c.sig[:0], "v0="...), c.mac.Sum(c.sum[:0]))
	req.Header = http.Header{"Content-Type": {ctype}, "X-Slack-Request-Timestamp": {ts}, "X-Slack-Signature": {string(c.sig)}}
	return req, nil
}

// appendID appends an id unique to this request (for dedupe).
func (c *client) appendID(b []byte, now time.Time) []byte {
	b = strconv.AppendInt(b, now.UnixNano(), 36)
	b = append(b, '-')
	b = strconv.AppendInt(b, int64(c.id), 10)
	b = append(b, '-')
	return strconv.AppendInt(b, int64(c.seq), 10)
}
