package main

import (
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// keep gives a message taken a fresh ts and, for chat.postMessage, records
// it for conversations.history (ephemeral messages are in no history).
// Called with f.mu held.
func (f *fakeSlack) keep(vals url.Values, channel bool) string {
	f.seq++
	ts := fmt.Sprintf("%d.%06d", time.Now().Unix(), f.seq%1_000_000)
	if channel {
		f.posted.Keep(vals.Get, ts)
	}
	return ts
}

// history answers conversations.history from what was posted
// (slackhistory.Log), counting the reads. Called with f.mu held.
func (f *fakeSlack) history(vals url.Values) map[string]any {
	f.reads++
	res := f.posted.History(vals.Get)
	res["ok"] = true
	return res
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
	for i := 0; i < n; i++ {
		if ch := "C" + strconv.Itoa(i); f.posted.Posted(ch) != f.replies[ch] {
			return false
		}
	}
	return true
}
