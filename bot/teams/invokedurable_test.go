package teams

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/bot/teams/teamstest"
	"github.com/jointwork/jointwork/internal/waittest"
)

// TestInvokeSurvivesCrashAfterAnswer presses a button whose command has a
// public reply on a replica that answers the invoke inline and then dies
// (deterministically, at a named point) before delivering that reply; a
// second replica on the same Redis delivers it exactly once, and the same
// invoke sent again neither runs again nor posts again.
func TestInvokeSurvivesCrashAfterAnswer(t *testing.T) {
	for _, tc := range []struct {
		name  string
		crash bool
	}{{"crash after the inline answer", true}, {"no crash", false}} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			serve := func(q *inbox.Inbox, dieAt func(string)) string {
				a, err := New(Options{Config: e.config(), Bot: e.bot, Store: e.store, Directory: e.dir, Log: quietLog(),
					Now: func() time.Time { return e.now }, Inbox: q})
				if err != nil {
					t.Fatal(err)
				}
				a.dieAt = dieAt
				mux := http.NewServeMux()
				a.Routes(mux)
				srv := httptest.NewServer(mux)
				t.Cleanup(func() { srv.Close(); a.Close() })
				return srv.URL
			}
			crash := func(point string) {
				if tc.crash && point == "answered" {
					runtime.Goexit()
				}
			}
			url1 := serve(inbox.New(e.store, inbox.Options{Consumer: "first", Log: quietLog()}), crash)
			inv := e.personal("alex", "")
			inv["type"], inv["name"] = "invoke", invokeCardAction
			inv["value"] = map[string]any{"action": map[string]any{"type": "Action.Execute", "data": map[string]any{keyCommand: "echo pressed"}}}
			if note := invokeNote(t, url1, e, inv); note != "Done." {
				t.Fatalf("inline answer %q", note)
			}
			q2 := inbox.New(e.store, inbox.Options{Consumer: "second", Block: 20 * time.Millisecond,
				Visibility: 200 * time.Millisecond, Log: quietLog()})
			url2 := serve(q2, nil)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { _ = q2.Run(ctx); close(done) }()
			t.Cleanup(func() { cancel(); <-done })
			drained := func() bool {
				n, dead, err := e.store.InboxLen(ctx)
				return err == nil && n == 0 && dead == 0
			}
			waittest.For(t, "public reply delivered and the invoke finished", func() bool {
				return len(e.texts("a:dm-aad-alex")) >= 1 && drained()
			})
			if note := invokeNote(t, url2, e, inv); note != "Done." {
				t.Fatalf("repeated invoke answered %q", note)
			}
			waittest.For(t, "repeated invoke finished", drained)
			if got := e.texts("a:dm-aad-alex"); len(got) != 1 || got[0] != "alex said: pressed" {
				t.Fatalf("replies %q, want exactly one", got)
			}
		})
	}
}

// invokeNote posts an invoke to url and returns the inline answer's text.
func invokeNote(t *testing.T, url string, e *env, inv act) string {
	t.Helper()
	res := teamstest.Post(t, url+"/api/messages", inv, "Bearer "+e.token(inv))
	body, _ := io.ReadAll(res.Body)
	var ir invokeResponse
	if err := json.Unmarshal(body, &ir); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("invoke: %d %s (%v)", res.StatusCode, body, err)
	}
	s, _ := ir.Value.(string)
	return s
}
