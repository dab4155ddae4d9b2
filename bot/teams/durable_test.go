package teams

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/bot/teams/teamstest"
	"github.com/jointwork/jointwork/internal/waittest"
)

// TestAckedActivitySurvivesReplicaDeath posts a message to a replica that
// acks it and dies before running it; a second replica on the same Redis
// runs it once, and the same activity delivered again changes nothing.
func TestAckedActivitySurvivesReplicaDeath(t *testing.T) {
	e := newEnv(t)
	serve := func(q *inbox.Inbox) (*Adapter, string) {
		a, err := New(Options{Config: e.config(), Bot: e.bot, Store: e.store, Directory: e.dir, Log: quietLog(),
			Now: func() time.Time { return e.now }, Inbox: q})
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		a.Routes(mux)
		srv := httptest.NewServer(mux)
		t.Cleanup(func() { srv.Close(); a.Close() })
		return a, srv.URL
	}
	_, url1 := serve(inbox.New(e.store, inbox.Options{Consumer: "dead", Log: quietLog()}))
	msg := e.personal("alex", "echo durable")
	if res := teamstest.Post(t, url1+"/api/messages", msg, "Bearer "+e.token(msg)); res.StatusCode != http.StatusOK {
		t.Fatalf("ack %d", res.StatusCode)
	}
	if got := e.texts("a:dm-aad-alex"); len(got) != 0 {
		t.Fatalf("replied %q before any worker ran", got)
	}
	q2 := inbox.New(e.store, inbox.Options{Consumer: "second", Block: 20 * time.Millisecond, Log: quietLog()})
	_, url2 := serve(q2)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = q2.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	drained := func() bool {
		n, _, err := e.store.InboxLen(ctx)
		return err == nil && n == 0
	}
	waittest.For(t, "reply from the second replica", func() bool { return len(e.texts("a:dm-aad-alex")) == 1 && drained() })
	if res := teamstest.Post(t, url2+"/api/messages", msg, "Bearer "+e.token(msg)); res.StatusCode != http.StatusOK {
		t.Fatalf("redelivery ack %d", res.StatusCode)
	}
	waittest.For(t, "redelivery handled", drained)
	if got := e.texts("a:dm-aad-alex"); len(got) != 1 || got[0] != "alex said: durable" {
		t.Fatalf("replies %q, want one", got)
	}
}
