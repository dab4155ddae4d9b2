package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// posted is a message the fake Slack took with chat.postMessage, with the
// metadata it was sent with (nil when none).
type posted struct {
	channel, ts string
	metadata    map[string]any
}

// keep gives a message taken a fresh ts and, for chat.postMessage, records
// it for conversations.history (ephemeral messages are in no history).
// Called with f.mu held.
func (f *fakeSlack) keep(vals url.Values, channel bool) string {
	f.seq++
	ts := fmt.Sprintf("%d.%06d", time.Now().Unix(), f.seq%1_000_000)
	if !channel || vals.Get("thread_ts") != "" {
		return ts
	}
	p := posted{channel: vals.Get("channel"), ts: ts}
	if raw := vals.Get("metadata"); raw != "" {
		_ = json.Unmarshal([]byte(raw), &p.metadata)
	}
	f.posted = append(f.posted, p)
	return ts
}

// history answers conversations.history with what was posted in the
// channel after oldest, newest first, at most limit, with metadata only
// when include_all_metadata is 1. Called with f.mu held.
func (f *fakeSlack) history(vals url.Values) map[string]any {
	f.reads++
	msgs := []map[string]any{}
	for i := len(f.posted) - 1; i >= 0; i-- {
		p := f.posted[i]
		if p.channel != vals.Get("channel") || !after(p.ts, vals.Get("oldest")) {
			continue
		}
		m := map[string]any{"type": "message", "user": "UBOT", "ts": p.ts}
		if p.metadata != nil && vals.Get("include_all_metadata") == "1" {
			m["metadata"] = p.metadata
		}
		msgs = append(msgs, m)
	}
	limit, _ := strconv.Atoi(vals.Get("limit"))
	more := limit > 0 && len(msgs) > limit
	if more {
		msgs = msgs[:limit]
	}
	return map[string]any{"ok": true, "messages": msgs, "has_more": more}
}

// after reports whether Slack timestamp ts is later than oldest ("" is
// the start of time).
func after(ts, oldest string) bool {
	if oldest == "" {
		return true
	}
	micros := func(s string) int64 {
		sec, frac, _ := strings.Cut(s, ".")
		n, _ := strconv.ParseInt(sec, 10, 64)
		u, _ := strconv.ParseInt((frac + "000000")[:6], 10, 64)
		return n*1_000_000 + u
	}
	return micros(ts) > micros(oldest)
}

// ask posts a signed /jointwork ask from channel C<i>: its answer is
// posted in the channel (not ephemeral); it reports the HTTP status.
func (c *serveChild) ask(i int) int {
	code, _ := c.slashText(i, "ask can I share information without consent")
	return code
}

// allPosted reports whether every reply taken in channels C0..C<n-1> was
// posted with chat.postMessage (none ephemeral).
func (f *fakeSlack) allPosted(n int) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	in := map[string]int{}
	for _, p := range f.posted {
		in[p.channel]++
	}
	for i := 0; i < n; i++ {
		if ch := "C" + strconv.Itoa(i); in[ch] != f.replies[ch] {
			return false
		}
	}
	return true
}
