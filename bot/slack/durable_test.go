package slack

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/internal/waittest"
)

// TestAckedRequestsSurviveReplicaDeath acks a slash command and an event on
// a replica whose workers never run (it died right after the acks); a
// second replica on the same Redis runs both, once, and a platform retry of
// the event to it changes nothing.
func TestAckedRequestsSurviveReplicaDeath(t *testing.T) {
	h := deadReplicaHarness(t, func(*Options) {})
	form := slashForm("U1", "C1", "count", "trig-d1", "")
	if code, _ := h.postSigned(PathCommands, "application/x-www-form-urlencoded", []byte(form.Encode())); code != http.StatusOK {
		t.Fatalf("slash ack %d", code)
	}
	mention := eventBody("EvDur1", map[string]any{"type": "app_mention", "user": "U1", "channel": "C1", "ts": "1.000001", "text": "<@UBOT> count"})
	if code, _ := h.postSigned(PathEvents, "application/json", mention); code != http.StatusOK {
		t.Fatalf("event ack %d", code)
	}
	if p := h.a.Pending(); p != 2 {
		t.Fatalf("Pending = %d after two acks, want 2", p)
	}
	if n := h.count.Load(); n != 0 {
		t.Fatalf("count ran %d times on the replica without workers; want the work in the inbox only", n)
	}

	a2 := secondReplica(t, h)
	ctx := context.Background()
	waittest.For(t, "both requests run", func() bool { return h.count.Load() == 2 })
	drained := func() bool {
		n, _, err := h.store.InboxLen(ctx)
		return err == nil && n == 0
	}
	waittest.For(t, "inbox drained", drained)

	mux := http.NewServeMux()
	a2.Routes(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	h.url = srv.URL
	hdr := sign(mention, time.Now(), testSecret)
	hdr.Set("X-Slack-Retry-Num", "1")
	if code, _ := h.post(PathEvents, "application/json", mention, hdr); code != http.StatusOK {
		t.Fatalf("retry ack %d", code)
	}
	waittest.For(t, "retry handled", drained)
	if n := h.count.Load(); n != 2 {
		t.Fatalf("count ran %d times after a retry of a done event, want 2", n)
	}
}

// deadReplicaHarness is a harness whose replica acks requests but whose
// workers never run (it died right after the acks), set up further by
// configure.
func deadReplicaHarness(t *testing.T, configure func(*Options)) *harness {
	t.Helper()
	return newHarnessWith(t, func(o *Options) {
		configure(o)
		o.Inbox = inbox.New(o.Store, inbox.Options{Consumer: "dead", Log: quietLog()})
	})
}

// secondReplica starts another replica on h's Redis whose inbox workers
// run, stopped when the test ends.
func secondReplica(t *testing.T, h *harness) *Adapter {
	t.Helper()
	q2 := inbox.New(h.store, inbox.Options{Consumer: "second", Block: 20 * time.Millisecond, Log: quietLog()})
	a2, err := New(Options{Config: h.a.cfg, Bot: h.a.bot, Store: h.store, Log: quietLog(), Inbox: q2,
		Retry: RetryPolicy{Base: 5 * time.Millisecond, Max: 20 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = q2.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done; a2.Close() })
	return a2
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
