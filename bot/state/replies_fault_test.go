package state_test

import (
	"context"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/faultproxy"
)

// TestEventStepsSurviveALostReply: Redis applies a step of an event's run
// but its reply is lost (the proxy drops it and closes the connection), so
// the client sends the step again. Each step must give the same answer the
// second time: a begun run still holds its event (not "another run holds
// it", which would drop the event in silence), an ended run still has its
// replies kept, and its release still lets a redelivery find nothing to
// resend.
func TestEventStepsSurviveALostReply(t *testing.T) {
	steps := []string{"begin", "end", "sent"}
	for i, lose := range steps {
		t.Run(lose, func(t *testing.T) {
			s, px, _ := proxied(t)
			ctx := context.Background()
			key := "event:slack:EvLost" + lose
			warm, _, _ := s.BeginEvent(ctx, key+"-warm", time.Hour) // Redis holds the scripts, so they run
			if s.EndEvent(warm, true, nil) != nil || s.RepliesSent(warm) != nil {
				t.Fatal("warm-up run failed")
			}
			arm := func(step string) {
				if step == lose {
					px.ArmOn(faultproxy.DropReply, "evalsha")
				}
			}
			arm("begin")
			run, first, err := s.BeginEvent(ctx, key, time.Hour)
			if err != nil || !first {
				t.Fatalf("begin: first %v, err %v; want the run to hold its event", first, err)
			}
			arm("end")
			if err := s.EndEvent(run, true, []byte("the replies")); err != nil {
				t.Fatalf("end: %v", err)
			}
			if _, first, _ := s.BeginEvent(ctx, key, time.Hour); first {
				t.Fatal("a second delivery began while the first run holds the event")
			}
			arm("sent")
			if err := s.RepliesSent(run); err != nil {
				t.Fatalf("replies sent: %v", err)
			}
			again, first, err := s.BeginEvent(state.WithTakeover(ctx), key, time.Hour)
			if raw, lost := s.Unsent(again); err != nil || first || raw != nil || lost {
				t.Fatalf("redelivery after the run: first %v, unsent %q, lost %v, err %v; want nothing to do", first, raw, lost, err)
			}
			if px.Fired() != 1 {
				t.Fatalf("faults applied at step %d: %d, want 1", i, px.Fired())
			}
		})
	}
}
