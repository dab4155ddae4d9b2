package slackhistory

import (
	"net/url"
	"strconv"
	"testing"
)

func TestAfter(t *testing.T) {
	for _, tc := range []struct {
		ts, oldest string
		want       bool
	}{
		{"1.000002", "", true},
		{"1.000002", "1.000001", true},
		{"1.000001", "1.000001", false},
		{"1.5", "1.400000", true},
		{"2.000000", "10.000000", false},
	} {
		if got := After(tc.ts, tc.oldest); got != tc.want {
			t.Errorf("After(%q, %q) = %v, want %v", tc.ts, tc.oldest, got, tc.want)
		}
	}
}

// TestHistoryAndReplies: history is top-level messages newest first, paged,
// with metadata only when asked; replies is a thread, oldest first.
func TestHistoryAndReplies(t *testing.T) {
	l := &Log{User: "UBOT"}
	for i, m := range []url.Values{
		{"channel": {"C1"}, "metadata": {`{"event_type":"x"}`}},
		{"channel": {"C1"}, "thread_ts": {"1.000001"}},
		{"channel": {"C2"}},
		{"channel": {"C1"}},
	} {
		l.Keep(m.Get, "1.00000"+strconv.Itoa(i+1))
	}
	ask := url.Values{"channel": {"C1"}, "limit": {"1"}, "include_all_metadata": {"1"}}
	h := l.History(ask.Get)
	msgs := h["messages"].([]map[string]any)
	if len(msgs) != 1 || msgs[0]["ts"] != "1.000004" || h["has_more"] != true {
		t.Fatalf("history page %+v, want the newest top-level message and more", h)
	}
	ask.Set("limit", "10")
	msgs = l.History(ask.Get)["messages"].([]map[string]any)
	if len(msgs) != 2 || msgs[1]["metadata"] == nil || l.Posted("C1") != 2 {
		t.Fatalf("history %+v (posted %d), want two messages, the first sent with its metadata", msgs, l.Posted("C1"))
	}
	ask.Del("include_all_metadata")
	if msgs = l.History(ask.Get)["messages"].([]map[string]any); msgs[1]["metadata"] != nil {
		t.Errorf("metadata returned unasked: %+v", msgs[1])
	}
	thread := url.Values{"channel": {"C1"}, "ts": {"1.000001"}}
	msgs = l.Replies(thread.Get)["messages"].([]map[string]any)
	if len(msgs) != 2 || msgs[0]["ts"] != "1.000001" || msgs[1]["thread_ts"] != "1.000001" {
		t.Fatalf("replies %+v, want the parent then its reply", msgs)
	}
}
