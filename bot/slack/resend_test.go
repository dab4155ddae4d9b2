package slack

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
)

// TestResentReplyPostedOnce: a journaled reply's message carries its key
// in metadata; a re-send of it (after a crash) reads the conversation or
// thread first and posts nothing when Slack already took it, and posts
// when it did not, or when the conversation cannot be read (at least
// once). Ephemeral messages cannot be read back: they are re-sent.
func TestResentReplyPostedOnce(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "general", botUser, "U1")
	ctx := context.Background()
	since := time.Now()
	cases := []struct {
		name      string
		to        bot.Target
		history   string // the method a re-send reads, "" for none
		failRead  bool   // that read fails
		firstSent bool   // the first try reached Slack
		wantPosts int    // chat.postMessage + chat.postEphemeral calls of the re-send
	}{
		{"channel, taken before the crash", bot.Target{Kind: bot.ToChannel, Channel: "C1"}, "conversations.history", false, true, 0},
		{"channel, not taken", bot.Target{Kind: bot.ToChannel, Channel: "C1"}, "conversations.history", false, false, 1},
		{"channel, history unreadable", bot.Target{Kind: bot.ToChannel, Channel: "C1"}, "conversations.history", true, true, 1},
		{"thread, taken", bot.Target{Kind: bot.ToThread, Channel: "C1", Thread: "100.000001"}, "conversations.replies", false, true, 0},
		{"thread, replies unreadable", bot.Target{Kind: bot.ToThread, Channel: "C1", Thread: "100.000001"}, "conversations.replies", true, true, 1},
		{"DM, taken", bot.Target{Kind: bot.ToDM, User: "alex"}, "conversations.history", false, true, 0},
		{"ephemeral, taken", bot.Target{Kind: bot.Ephemeral, Channel: "C1", User: "alex"}, "", false, true, 1},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mark := bot.ReplyMark{Key: "k" + string(rune('a'+i)), Since: since}
			m := bot.Message{To: tc.to, Text: "reply"}
			if tc.firstSent {
				if _, err := h.a.Send(bot.WithReplyMark(ctx, mark), m); err != nil {
					t.Fatal(err)
				}
			}
			posts, reads := h.posts(), h.fake.hitCount(tc.history)
			if tc.failRead {
				h.fake.failNext(tc.history, fakeFail{code: "missing_scope"})
			}
			mark.Resend = true
			if _, err := h.a.Send(bot.WithReplyMark(ctx, mark), m); err != nil {
				t.Fatal(err)
			}
			if got := h.posts() - posts; got != tc.wantPosts {
				t.Errorf("re-send posted %d messages, want %d", got, tc.wantPosts)
			}
			if tc.history != "" && h.fake.hitCount(tc.history)-reads != 1 {
				t.Errorf("re-send called %s %d times, want once", tc.history, h.fake.hitCount(tc.history)-reads)
			}
		})
	}
}

// TestReplyMetadata: every message posted for a journaled reply carries
// the reply's key, and nothing else, under event type jointwork_reply; a
// message that is not a journaled reply carries none.
func TestReplyMetadata(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "general", botUser, "U1")
	ctx := context.Background()
	m := bot.Message{To: bot.Target{Kind: bot.ToChannel, Channel: "C1"}, Text: "Task done for Alex"}
	if _, err := h.a.Send(bot.WithReplyMark(ctx, bot.ReplyMark{Key: "0123abcd"}), m); err != nil {
		t.Fatal(err)
	}
	var meta map[string]any
	if err := json.Unmarshal([]byte(h.lastArgs("chat.postMessage")["metadata"]), &meta); err != nil {
		t.Fatalf("metadata %q: %v", h.lastArgs("chat.postMessage")["metadata"], err)
	}
	payload, _ := meta["event_payload"].(map[string]any)
	if meta["event_type"] != "jointwork_reply" || len(payload) != 1 || payload["key"] != "0123abcd" {
		t.Errorf("metadata %v, want event type jointwork_reply and only the key", meta)
	}
	if _, err := h.a.Send(ctx, m); err != nil {
		t.Fatal(err)
	}
	if got := h.lastArgs("chat.postMessage")["metadata"]; got != "" {
		t.Errorf("a message that is no journaled reply has metadata %q", got)
	}
}

// posts counts the messages the fake took (channel and ephemeral).
func (h *harness) posts() int {
	return len(h.fake.callsOf("chat.postMessage")) + len(h.fake.callsOf("chat.postEphemeral"))
}
