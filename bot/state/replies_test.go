package state_test

import (
	"context"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

// TestRepliesOutliveACrash: a run that dies after its change committed
// leaves its event to the next delivery (taken over from the dead run):
// with its replies when it had kept them, else marked lost; once a run
// confirmed them sent, a further delivery finds nothing to send.
func TestRepliesOutliveACrash(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		openCase(t, s, "c101")
		begin := func(c context.Context, key string) (context.Context, bool) {
			t.Helper()
			run, ok, err := s.BeginEvent(c, key, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			return run, ok
		}
		// Dies after the commit, before keeping its replies.
		run, _ := begin(ctx, "event:slack:Ev1")
		if err := s.Update(run, "c101", func(*state.Tx) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if _, ok := begin(ctx, "event:slack:Ev1"); ok {
			t.Fatal("a delivery began while the dead run still holds the event")
		}
		again, ok := begin(state.WithTakeover(ctx), "event:slack:Ev1")
		if raw, lost := s.Unsent(again); ok || raw != nil || !lost {
			t.Fatalf("taken over after a commit: began %v, unsent %q lost %v; want lost", ok, raw, lost)
		}
		if err := s.RepliesSent(again); err != nil {
			t.Fatal(err)
		}
		// Dies after keeping its replies, before sending them.
		run, _ = begin(ctx, "event:slack:Ev2")
		if err := s.Update(run, "c101", func(*state.Tx) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if err := s.EndEvent(run, true, []byte("the replies")); err != nil {
			t.Fatal(err)
		}
		again, _ = begin(state.WithTakeover(ctx), "event:slack:Ev2")
		if raw, lost := s.Unsent(again); string(raw) != "the replies" || lost {
			t.Fatalf("taken over after keeping: unsent %q lost %v; want the replies", raw, lost)
		}
		if err := s.RepliesSent(again); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"event:slack:Ev1", "event:slack:Ev2"} {
			last, ok := begin(state.WithTakeover(ctx), key)
			if raw, lost := s.Unsent(last); ok || raw != nil || lost {
				t.Fatalf("%s after its replies were sent: began %v, unsent %q lost %v", key, ok, raw, lost)
			}
		}
	})
}
