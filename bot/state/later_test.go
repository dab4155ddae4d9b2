package state_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

// TestLastAnswerWrittenWithTheEventsEnd: within an event's run the last
// answer is written in the run's end step, with the done marker and the
// reply journal (so it is there before the replies go out, never before
// the event is done); outside a run it is written at once.
func TestLastAnswerWrittenWithTheEventsEnd(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		ctx := context.Background()
		want := state.LastAnswer{Rule: "consent.required", Band: "answer"}
		run, first, err := s.BeginEvent(ctx, "event:slack:EvLast", time.Hour)
		if err != nil || !first {
			t.Fatalf("begin: %v %v", first, err)
		}
		if err := s.SaveLastAnswer(run, "bea", want, time.Hour); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LastAnswerOf(ctx, "bea"); !errors.Is(err, state.ErrNotFound) {
			t.Fatalf("last answer before the run ended: %v, want ErrNotFound", err)
		}
		if err := s.EndEvent(run, true, []byte("replies")); err != nil {
			t.Fatal(err)
		}
		got, err := s.LastAnswerOf(ctx, "bea")
		if err != nil || got.Rule != want.Rule || got.Band != want.Band {
			t.Fatalf("last answer after the end: %+v, %v; want %+v", got, err, want)
		}
		if done, err := s.EventDone(ctx, "event:slack:EvLast"); !done || err != nil {
			t.Fatalf("event done = %v, %v", done, err)
		}
		other := state.LastAnswer{Rule: "law.formal-request.decline", Band: "unsure"}
		if err := s.SaveLastAnswer(ctx, "alex", other, time.Hour); err != nil {
			t.Fatal(err)
		}
		if got, err := s.LastAnswerOf(ctx, "alex"); err != nil || got.Rule != other.Rule {
			t.Fatalf("last answer outside a run: %+v, %v; want %+v", got, err, other)
		}
	})
}

// TestEventRunsConcurrent begins, ends and releases many events at once
// from many goroutines (so their steps share pipelines and hand the
// sending on), each event delivered several times at once: exactly one
// delivery of each runs it, and afterwards every event is done with nothing
// left to resend.
func TestEventRunsConcurrent(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		ctx := context.Background()
		for _, tc := range []struct{ events, copies int }{{1, 8}, {50, 2}, {300, 3}} {
			ran := make([]atomic.Int32, tc.events)
			var wg sync.WaitGroup
			for i := range tc.events * tc.copies {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ev := i % tc.events
					run, first, err := s.BeginEvent(ctx, fmt.Sprintf("event:slack:EvC%d-%d", tc.events, ev), time.Hour)
					if err != nil {
						t.Error(err)
						return
					}
					if first {
						ran[ev].Add(1)
						if err := s.EndEvent(run, true, []byte("r")); err != nil {
							t.Error(err)
						}
					}
					if err := s.RepliesSent(run); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			for ev := range tc.events {
				key := fmt.Sprintf("event:slack:EvC%d-%d", tc.events, ev)
				again, first, err := s.BeginEvent(state.WithTakeover(ctx), key, time.Hour)
				raw, lost := s.Unsent(again)
				if n := ran[ev].Load(); n != 1 || first || err != nil || raw != nil || lost {
					t.Fatalf("%d events × %d: event %d ran %d times; redelivery first %v unsent %q lost %v err %v",
						tc.events, tc.copies, ev, n, first, raw, lost, err)
				}
			}
		}
	})
}
