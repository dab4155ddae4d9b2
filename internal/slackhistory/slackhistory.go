// Package slackhistory is the message history of a fake Slack Web API for
// tests: the messages chat.postMessage took, read back the way
// conversations.history and conversations.replies answer (metadata only
// when asked for), so a fake can answer the read the Slack adapter makes
// before it re-sends a journaled reply (bot/slack/resend.go). The fake in
// bot/slack and the one in cmd/jointwork both keep their history in a Log.
package slackhistory

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Log is the messages a fake took, in order. It is not safe for concurrent
// use: the fake calls it with its own lock held.
type Log struct {
	// User is the author the messages are read back with (the bot user).
	User string
	msgs []message
}

type message struct {
	channel, thread, ts string
	metadata            map[string]any
}

// Keep records a message chat.postMessage took with ts, from its
// arguments (get reads one, as url.Values.Get does).
func (l *Log) Keep(get func(string) string, ts string) {
	m := message{channel: get("channel"), thread: get("thread_ts"), ts: ts}
	if raw := get("metadata"); raw != "" {
		_ = json.Unmarshal([]byte(raw), &m.metadata)
	}
	l.msgs = append(l.msgs, m)
}

// Posted returns how many top-level messages (not thread replies) were
// taken in channel.
func (l *Log) Posted(channel string) int {
	n := 0
	for _, m := range l.msgs {
		if m.channel == channel && m.thread == "" {
			n++
		}
	}
	return n
}

// History returns the fields of a conversations.history answer ("messages"
// and "has_more"; the caller adds "ok"): the channel's top-level messages
// newer than oldest, newest first, at most limit.
func (l *Log) History(get func(string) string) map[string]any {
	var page []map[string]any
	for i := len(l.msgs) - 1; i >= 0; i-- {
		m := l.msgs[i]
		if m.channel == get("channel") && m.thread == "" && After(m.ts, get("oldest")) {
			page = append(page, l.message(m, get))
		}
	}
	return paged(page, get)
}

// Replies returns the fields of a conversations.replies answer: the
// thread's parent and its replies newer than oldest, oldest first.
func (l *Log) Replies(get func(string) string) map[string]any {
	var page []map[string]any
	for _, m := range l.msgs {
		parent := m.ts == get("ts")
		if m.channel == get("channel") && (parent || m.thread == get("ts") && After(m.ts, get("oldest"))) {
			page = append(page, l.message(m, get))
		}
	}
	return paged(page, get)
}

func paged(page []map[string]any, get func(string) string) map[string]any {
	limit, _ := strconv.Atoi(get("limit"))
	more := limit > 0 && len(page) > limit
	if more {
		page = page[:limit]
	}
	if page == nil {
		page = []map[string]any{}
	}
	return map[string]any{"messages": page, "has_more": more}
}

func (l *Log) message(m message, get func(string) string) map[string]any {
	out := map[string]any{"type": "message", "user": l.User, "ts": m.ts}
	if m.thread != "" {
		out["thread_ts"] = m.thread
	}
	if m.metadata != nil && get("include_all_metadata") == "1" {
		out["metadata"] = m.metadata
	}
	return out
}

// After reports whether Slack timestamp ts is later than oldest ("" is
// the start of time).
func After(ts, oldest string) bool {
	if oldest == "" {
		return true
	}
	return micros(ts) > micros(oldest)
}

func micros(ts string) int64 {
	sec, frac, _ := strings.Cut(ts, ".")
	s, _ := strconv.ParseInt(sec, 10, 64)
	u, _ := strconv.ParseInt((frac + "000000")[:6], 10, 64)
	return s*1_000_000 + u
}
