package slack

import (
	"encoding/json"
	"strconv"
	"strings"
)

// fakePosted is a message chat.postMessage took: where, when, and its
// metadata as sent (nil when it had none).
type fakePosted struct {
	channel, thread, ts string
	metadata            map[string]any
}

// keep records a posted message (called with f.mu held).
func (f *fakeSlack) keep(a map[string]string, ts string) {
	p := fakePosted{channel: a["channel"], thread: a["thread_ts"], ts: ts}
	if raw := a["metadata"]; raw != "" {
		_ = json.Unmarshal([]byte(raw), &p.metadata)
	}
	f.posted = append(f.posted, p)
}

// history answers conversations.history as Slack does for what this fake
// took: the channel's top-level messages newer than oldest, newest first,
// at most limit, with their metadata only when include_all_metadata is 1.
func (f *fakeSlack) history(a map[string]string) any {
	if bad := f.postable(a["channel"]); bad != nil {
		return bad
	}
	var page []map[string]any
	for i := len(f.posted) - 1; i >= 0; i-- {
		p := f.posted[i]
		if p.channel == a["channel"] && p.thread == "" && tsAfter(p.ts, a["oldest"]) {
			page = append(page, p.message(a))
		}
	}
	return f.paged(page, a)
}

// replies answers conversations.replies: the thread's parent and its
// replies newer than oldest, oldest first.
func (f *fakeSlack) replies(a map[string]string) any {
	if bad := f.postable(a["channel"]); bad != nil {
		return bad
	}
	var page []map[string]any
	for _, p := range f.posted {
		in := p.ts == a["ts"] || p.thread == a["ts"]
		if p.channel == a["channel"] && in && (p.ts == a["ts"] || tsAfter(p.ts, a["oldest"])) {
			page = append(page, p.message(a))
		}
	}
	return f.paged(page, a)
}

func (f *fakeSlack) paged(page []map[string]any, a map[string]string) any {
	limit, _ := strconv.Atoi(a["limit"])
	more := limit > 0 && len(page) > limit
	if more {
		page = page[:limit]
	}
	if page == nil {
		page = []map[string]any{}
	}
	return ok(map[string]any{"messages": page, "has_more": more})
}

func (p fakePosted) message(a map[string]string) map[string]any {
	m := map[string]any{"type": "message", "user": botUser, "ts": p.ts}
	if p.thread != "" {
		m["thread_ts"] = p.thread
	}
	if p.metadata != nil && a["include_all_metadata"] == "1" {
		m["metadata"] = p.metadata
	}
	return m
}

// tsAfter reports whether Slack timestamp ts is after oldest ("" is the
// start of time).
func tsAfter(ts, oldest string) bool {
	if oldest == "" {
		return true
	}
	return tsMicros(ts) > tsMicros(oldest)
}

func tsMicros(ts string) int64 {
	sec, frac, _ := strings.Cut(ts, ".")
	s, _ := strconv.ParseInt(sec, 10, 64)
	u, _ := strconv.ParseInt((frac + "000000")[:6], 10, 64)
	return s*1_000_000 + u
}
